/**
 * Who is who in the org, as Salesforce says: every user with their manager (`ManagerId`), and who
 * holds which Attain permission set. The sync job replaces it as a whole on each run; the API keeps
 * a copy in memory and reloads it when the content hash moves (one GET per request checks that).
 * Roles are derived from this and never from a token: a user is admin/ops by permission set
 * assignment, manager of everyone under them in the ManagerId tree, and rep of themself.
 */

import { canonicalJson, contentHash } from '@attain/salesforce';
import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys.js';

/** The Attain permission sets the API reads roles from (`Attain_Rep` is kept for display only). */
export const ATTAIN_PERMISSION_SETS = ['Attain_Admin', 'Attain_Ops', 'Attain_Rep'] as const;
export type AttainPermissionSet = (typeof ATTAIN_PERMISSION_SETS)[number];

export interface DirectoryUser {
  /** 18-character Salesforce user id. */
  id: string;
  name: string;
  email: string | null;
  managerId: string | null;
  isActive: boolean;
}

export interface Directory {
  users: DirectoryUser[];
  /** user id → the Attain permission sets assigned to them (sorted). */
  permissionSets: Record<string, AttainPermissionSet[]>;
  /** ISO timestamp of the sync that read it. */
  syncedAt: string;
}

export class DirectoryStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  /**
   * Replaces the directory when its content changed (the sync time alone is not a change);
   * returns whether it was written.
   */
  async replace(directory: Directory): Promise<boolean> {
    const users = [...directory.users].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const content = canonicalJson({ users, permissionSets: directory.permissionSets });
    const hash = contentHash(content);
    if ((await this.redis.get(this.keys.directoryHash)) === hash) return false;
    await this.redis
      .multi()
      .set(this.keys.directory, JSON.stringify({ ...directory, users }))
      .set(this.keys.directoryHash, hash)
      .exec();
    return true;
  }

  /** The content hash, or null before the first sync: cheap enough to check on every request. */
  async hash(): Promise<string | null> {
    return this.redis.get(this.keys.directoryHash);
  }

  async get(): Promise<{ directory: Directory; hash: string } | null> {
    const [text, hash] = await this.redis.mget(this.keys.directory, this.keys.directoryHash);
    if (!text || !hash) return null;
    return { directory: JSON.parse(text) as Directory, hash };
  }
}

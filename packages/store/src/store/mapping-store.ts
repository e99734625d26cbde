/**
 * The field mapping, versioned: every saved version is kept with who saved it and when, and the
 * newest is the one in force. Versions are numbered from 1 by their position in a Redis list, so
 * numbering needs no separate counter and two admins saving at once still get distinct versions.
 */

import {
  type FieldMapping,
  type FieldMappingInput,
  formatMappingIssue,
  type MappingIssue,
  parseFieldMapping,
} from '@attain/salesforce';
import type { ChainableCommander, Redis } from 'ioredis';
import type { RedisKeys } from './keys.js';

export interface MappingVersion {
  version: number;
  mapping: FieldMapping;
  author: string;
  /** ISO timestamp. */
  createdAt: string;
}

interface StoredVersion {
  mapping: FieldMapping;
  author: string;
  createdAt: string;
}

/** Thrown when asked to save a mapping document that does not parse; carries every issue. */
export class InvalidMappingError extends Error {
  readonly code = 'INVALID_MAPPING';
  constructor(readonly issues: MappingIssue[]) {
    super(issues.map(formatMappingIssue).join('\n'));
    this.name = 'InvalidMappingError';
  }
}

function fromStored(version: number, text: string): MappingVersion {
  const stored = JSON.parse(text) as StoredVersion;
  return { version, mapping: stored.mapping, author: stored.author, createdAt: stored.createdAt };
}

export class MappingStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  /** The keys a transaction that saves a version WATCHes (a version saved meanwhile makes it decide again). */
  watchKeys(): string[] {
    return [this.keys.mappingVersions];
  }

  /**
   * The version that follows `current` (null: the first) and its write, queued into the caller's
   * MULTI (with the audit entry that records it). The list position is the version number.
   */
  nextVersion(
    current: MappingVersion | null,
    mapping: FieldMapping,
    author: string,
    now: Date,
  ): { version: MappingVersion; write(multi: ChainableCommander): void } {
    const stored: StoredVersion = { mapping, author, createdAt: now.toISOString() };
    return {
      version: { version: (current?.version ?? 0) + 1, ...stored },
      write: (multi) => {
        multi.rpush(this.keys.mappingVersions, JSON.stringify(stored));
      },
    };
  }

  /**
   * Saves a new version without a transaction or checks against the org (test fixtures, seeding):
   * the document's shape is checked here. Admins save through `admin/save-mapping.ts`.
   */
  async save(document: FieldMappingInput | unknown, author: string, now: Date = new Date()): Promise<MappingVersion> {
    const parsed = parseFieldMapping(document);
    if (!parsed.ok) throw new InvalidMappingError(parsed.issues);
    const stored: StoredVersion = { mapping: parsed.mapping, author, createdAt: now.toISOString() };
    const version = await this.redis.rpush(this.keys.mappingVersions, JSON.stringify(stored));
    return { version, ...stored };
  }

  /** The version in force, or null before the first save. */
  async current(): Promise<MappingVersion | null> {
    const results = await this.redis
      .multi()
      .llen(this.keys.mappingVersions)
      .lindex(this.keys.mappingVersions, -1)
      .exec();
    const length = Number(results?.[0]?.[1] ?? 0);
    const text = results?.[1]?.[1];
    return length > 0 && typeof text === 'string' ? fromStored(length, text) : null;
  }

  async get(version: number): Promise<MappingVersion | null> {
    if (!Number.isInteger(version) || version < 1) return null;
    const text = await this.redis.lindex(this.keys.mappingVersions, version - 1);
    return text === null ? null : fromStored(version, text);
  }

  /** Every version, oldest first. */
  async history(): Promise<MappingVersion[]> {
    const texts = await this.redis.lrange(this.keys.mappingVersions, 0, -1);
    return texts.map((text, index) => fromStored(index + 1, text));
  }
}

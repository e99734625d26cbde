/**
 * Record-level sync errors, for ops: the latest problem of each record that could not be turned
 * into a deal. A record that later syncs cleanly is removed, so the list is always "what is wrong now".
 */

import { compareIds, type RecordError, type RecordErrorCode, recordPath } from '@attain/salesforce';
import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys.js';

export interface StoredSyncError extends RecordError {
  runId: string;
  /** ISO timestamp. */
  at: string;
}

/**
 * An entry as versions before the one problem shape wrote it: upper-case `code`, `reason` for the
 * message, `field` (`Account.Industry`) for the path. Such entries stay until their record syncs.
 */
interface LegacyStoredError {
  recordId: string | null;
  object: string;
  code: string;
  field?: string;
  reason: string;
  runId: string;
  at: string;
}

/** A stored entry in today's shape, whatever version wrote it. */
function readStored(text: string): StoredSyncError {
  const stored = JSON.parse(text) as StoredSyncError | LegacyStoredError;
  if (!('reason' in stored) || 'message' in stored) return stored as StoredSyncError;
  const { field, reason, code, ...rest } = stored;
  return {
    ...rest,
    code: code.toLowerCase() as RecordErrorCode,
    path: field === undefined ? [] : recordPath(field),
    message: reason,
  };
}

/** Errors without a record id are kept under a synthetic key so that they are not lost. */
function errorKey(error: RecordError): string {
  return error.recordId ?? `${error.object}:unknown:${error.code}`;
}

export class SyncErrorStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async record(errors: RecordError[], runId: string, now: Date = new Date()): Promise<void> {
    if (errors.length === 0) return;
    const at = now.toISOString();
    const fields: string[] = [];
    for (const error of errors) fields.push(errorKey(error), JSON.stringify({ ...error, runId, at }));
    await this.redis.hset(this.keys.syncErrors, ...fields);
  }

  /** Forgets the errors of records that synced cleanly (or were deleted). */
  async clear(recordIds: string[]): Promise<void> {
    if (recordIds.length === 0) return;
    await this.redis.hdel(this.keys.syncErrors, ...recordIds);
  }

  /** Forgets every error of one object's records (before they are checked again as a whole). */
  async clearObject(object: string): Promise<void> {
    const all = await this.redis.hgetall(this.keys.syncErrors);
    // By the keys they are stored under: an older entry's synthetic key holds its upper-case code.
    const keys = Object.entries(all)
      .filter(([, text]) => readStored(text).object === object)
      .map(([key]) => key);
    await this.clear(keys);
  }

  async list(): Promise<StoredSyncError[]> {
    const all = await this.redis.hgetall(this.keys.syncErrors);
    return Object.values(all)
      .map(readStored)
      .sort((a, b) => compareIds(a.recordId ?? '', b.recordId ?? ''));
  }

  async count(): Promise<number> {
    return this.redis.hlen(this.keys.syncErrors);
  }
}

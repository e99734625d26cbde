/**
 * Record-level sync errors, for ops: the latest problem of each record that could not be turned
 * into a deal. A record that later syncs cleanly is removed, so the list is always "what is wrong now".
 */
import type { Redis } from 'ioredis';
import { compareIds } from '../salesforce/compare-ids.js';
import type { RecordError } from '../salesforce/normalize.js';
import type { RedisKeys } from './keys.js';

export interface StoredSyncError extends RecordError {
  runId: string;
  /** ISO timestamp. */
  at: string;
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
    const ids = (await this.list()).filter((error) => error.object === object).map(errorKey);
    await this.clear(ids);
  }

  async list(): Promise<StoredSyncError[]> {
    const all = await this.redis.hgetall(this.keys.syncErrors);
    return Object.values(all)
      .map((text) => JSON.parse(text) as StoredSyncError)
      .sort((a, b) => compareIds(a.recordId ?? '', b.recordId ?? ''));
  }

  async count(): Promise<number> {
    return this.redis.hlen(this.keys.syncErrors);
  }
}

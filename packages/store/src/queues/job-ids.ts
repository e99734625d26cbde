/**
 * Deterministic deduplication ids. A job with the same id as one that is waiting is dropped; one
 * added while a job of that id is active is kept (only the latest) and runs after it
 * (`keepLastIfActive`): never two runs of the same work at once, and never a change left unprocessed
 * because its job was deduplicated against a run that had already read its data.
 */

import { randomUUID } from 'node:crypto';
import type { StatementKey } from '@attain/engine';
import type { DeduplicationOptions } from 'bullmq';
import { statementKeyText } from '../store/keys.js';

/** One sync at a time per namespace, incremental or full: they read and move the same cursor. */
export function syncDedupId(): string {
  return 'sync';
}

/**
 * Statement keys are computed by shard: a compute job drains every dirty key of its shard, so one
 * job's overhead is shared by thousands of keys in a full resync, while `compute|<shard>` keeps
 * every key to one computation at a time (a key always falls in the same shard). Shards let
 * several jobs — in one process or many — compute at once. Changing the count while compute jobs
 * are queued could let two jobs cover one key: it is a constant, not a setting.
 */
export const COMPUTE_SHARDS = 8;

/** FNV-1a over the key text: stable across processes and versions. */
export function computeShardOf(key: StatementKey): number {
  const text = statementKeyText(key);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % COMPUTE_SHARDS;
}

/** `compute|3`: one drain of a shard's dirty statement keys at a time. */
export function computeDedupId(shard: number): string {
  return `compute|${shard}`;
}

/** One write-back pass at a time: passes batch the records of many keys into collections of 200. */
export function writebackDedupId(): string {
  return 'writeback';
}

/** Job name of a retry on the sync queue (sync requests are `sync-<kind>`, schedule ticks `sync-tick`). */
export const RETRY_JOB_NAME = 'retry-errors';

/** `retry-<uuid>`: every retry is its own job (never deduplicated: each request waits for its own result). */
export function retryJobId(): string {
  return `retry-${randomUUID()}`;
}

export function dedup(id: string): DeduplicationOptions {
  return { id, keepLastIfActive: true };
}

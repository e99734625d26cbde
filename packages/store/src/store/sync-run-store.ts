/**
 * History of sync runs: what each run read and changed, its state, and its progress while it
 * runs (the CLI's `--wait` progress bar and the ops console read it). The newest runs are kept.
 */
import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys.js';

export const SyncRunStatus = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  /** Stopped spending API calls (limit or budget); the work stays queued and resumes. */
  paused: 'paused',
} as const;
export type SyncRunStatus = (typeof SyncRunStatus)[keyof typeof SyncRunStatus];

export interface SyncRunCounts {
  /** Records read from Salesforce. */
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** Records that became record-level errors. */
  errors: number;
}

export interface SyncRun {
  id: string;
  kind: 'incremental' | 'full';
  status: SyncRunStatus;
  startedAt: string;
  endedAt?: string;
  /** Records expected, when the query said (`totalSize`); lets a progress bar show a fraction. */
  total?: number;
  counts: SyncRunCounts;
  /** Why the run failed or paused. */
  message?: string;
}

export const EMPTY_COUNTS: SyncRunCounts = { read: 0, created: 0, updated: 0, unchanged: 0, deleted: 0, errors: 0 };

/** How many runs the history keeps. */
export const SYNC_RUN_HISTORY = 200;

export class SyncRunStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly keep: number = SYNC_RUN_HISTORY,
  ) {}

  async start(id: string, kind: SyncRun['kind'], now: Date = new Date()): Promise<SyncRun> {
    const run: SyncRun = { id, kind, status: 'running', startedAt: now.toISOString(), counts: { ...EMPTY_COUNTS } };
    await this.redis
      .multi()
      .set(this.keys.syncRun(id), JSON.stringify(run))
      .zadd(this.keys.syncRuns, now.getTime(), id)
      .exec();
    await this.trim();
    return run;
  }

  /** Replaces a run's record (a run is updated by the one job that owns it). */
  async update(run: SyncRun): Promise<void> {
    await this.redis.set(this.keys.syncRun(run.id), JSON.stringify(run));
  }

  async get(id: string): Promise<SyncRun | null> {
    const text = await this.redis.get(this.keys.syncRun(id));
    return text === null ? null : (JSON.parse(text) as SyncRun);
  }

  /** Newest first. */
  async list(limit = 20): Promise<SyncRun[]> {
    const ids = await this.redis.zrevrange(this.keys.syncRuns, 0, limit - 1);
    if (ids.length === 0) return [];
    const texts = await this.redis.mget(...ids.map((id) => this.keys.syncRun(id)));
    return texts.filter((text): text is string => text !== null).map((text) => JSON.parse(text) as SyncRun);
  }

  private async trim(): Promise<void> {
    const stale = await this.redis.zrange(this.keys.syncRuns, 0, -(this.keep + 1));
    if (stale.length === 0) return;
    await this.redis
      .multi()
      .zrem(this.keys.syncRuns, ...stale)
      .del(...stale.map((id) => this.keys.syncRun(id)))
      .exec();
  }
}

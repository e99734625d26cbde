/**
 * Sync cursors: per object, the newest SystemModstamp a sync has fully processed. A cursor only
 * moves forward (two overlapping syncs cannot move it back); a full resync resets it.
 */
import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys.js';
import { type StoreScripts, storeScripts } from './scripts.js';

export class CursorStore {
  private readonly scripts: StoreScripts;
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {
    this.scripts = storeScripts(redis);
  }

  /** Epoch ms of the cursor, or null when the object was never synced. */
  async get(object: string): Promise<number | null> {
    const value = await this.redis.hget(this.keys.cursors, object);
    return value === null ? null : Number(value);
  }

  /** Moves the cursor to `epochMs` if that is later; returns whether it moved. */
  async advance(object: string, epochMs: number): Promise<boolean> {
    return (await this.scripts.setIfGreater(this.keys.cursors, object, String(Math.trunc(epochMs)))) === 1;
  }

  async reset(object: string): Promise<void> {
    await this.redis.hdel(this.keys.cursors, object);
  }

  async all(): Promise<Record<string, number>> {
    const raw = await this.redis.hgetall(this.keys.cursors);
    return Object.fromEntries(Object.entries(raw).map(([object, value]) => [object, Number(value)]));
  }
}

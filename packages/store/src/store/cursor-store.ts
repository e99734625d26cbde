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

  /** The rows of `object` already processed inside the overlap window: id → SystemModstamp (epoch ms). */
  async recent(object: string): Promise<Map<string, number>> {
    const raw = await this.redis.hgetall(this.keys.cursorRecent(object));
    return new Map(Object.entries(raw).map(([id, stamp]) => [id, Number(stamp)]));
  }

  /** Replaces the processed rows of the overlap window (empty: forgets them). */
  async setRecent(object: string, rows: ReadonlyMap<string, number>): Promise<void> {
    const key = this.keys.cursorRecent(object);
    const multi = this.redis.multi().del(key);
    if (rows.size > 0) multi.hset(key, Object.fromEntries([...rows].map(([id, stamp]) => [id, String(stamp)])));
    await multi.exec();
  }

  /** What the last whole read of `object` was interpreted with, or null. */
  async basis(object: string): Promise<string | null> {
    return this.redis.hget(this.keys.cursorBasis, object);
  }

  async setBasis(object: string, basis: string): Promise<void> {
    await this.redis.hset(this.keys.cursorBasis, object, basis);
  }

  async all(): Promise<Record<string, number>> {
    const raw = await this.redis.hgetall(this.keys.cursors);
    return Object.fromEntries(Object.entries(raw).map(([object, value]) => [object, Number(value)]));
  }
}

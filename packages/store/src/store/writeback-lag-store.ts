/**
 * End-to-end lag bookkeeping: per statement key, the SystemModstamp of the oldest change an
 * incremental sync brought in that is not written back yet. Set by the deal upsert script (only if
 * absent, so the oldest change wins), popped by the write-back once the key is in Salesforce.
 * Full resyncs and re-indexing do not set it: the age of a record untouched for months is not lag.
 */
import type { StatementKey } from '@attain/engine';
import type { Redis } from 'ioredis';
import { type RedisKeys, statementKeyText } from './keys.js';

export class WritebackLagStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  /** Removes and returns the oldest unwritten change (epoch ms) of each key; null where there was none. */
  async pop(keys: StatementKey[]): Promise<(number | null)[]> {
    if (keys.length === 0) return [];
    const fields = keys.map(statementKeyText);
    const [[readError, values], [deleteError]] = (await this.redis
      .multi()
      .hmget(this.keys.writebackLag, ...fields)
      .hdel(this.keys.writebackLag, ...fields)
      .exec()) as [[Error | null, (string | null)[]], [Error | null, number]];
    if (readError) throw readError;
    if (deleteError) throw deleteError;
    return values.map((value) => (value === null ? null : Number(value)));
  }

  /** Epoch ms of the oldest change not written back yet, over all keys; null when there is none. */
  async oldest(): Promise<number | null> {
    const values = await this.redis.hvals(this.keys.writebackLag);
    let oldest: number | null = null;
    for (const value of values) {
      const ms = Number(value);
      if (Number.isFinite(ms) && (oldest === null || ms < oldest)) oldest = ms;
    }
    return oldest;
  }

  async count(): Promise<number> {
    return this.redis.hlen(this.keys.writebackLag);
  }
}

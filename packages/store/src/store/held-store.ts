/**
 * Statement keys whose write-back is held because statements of theirs are Locked in Salesforce
 * (`Commission_Statement__c.Status__c = 'Locked'`). The recomputed result stays in the statement
 * store; each sync puts the held keys back up for write-back, and the write-back asks Salesforce
 * again: once a statement is unlocked, its held result is written.
 */
import type { StatementKey } from '@attain/engine';
import type { Redis } from 'ioredis';
import { parseStatementKeyText, type RedisKeys, statementKeyText } from './keys.js';

export interface HeldKey {
  key: StatementKey;
  /** External keys of the locked statements of this key. */
  statements: string[];
}

export class HeldStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async hold(key: StatementKey, statements: string[]): Promise<void> {
    await this.redis.hset(this.keys.writebackHeld, statementKeyText(key), JSON.stringify([...statements].sort()));
  }

  async release(keys: StatementKey[]): Promise<void> {
    if (keys.length === 0) return;
    await this.redis.hdel(this.keys.writebackHeld, ...keys.map(statementKeyText));
  }

  /** The held statements of each of `keys` that has any, by statement key text. */
  async get(keys: StatementKey[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (keys.length === 0) return out;
    const texts = keys.map(statementKeyText);
    const values = await this.redis.hmget(this.keys.writebackHeld, ...texts);
    values.forEach((value, index) => {
      if (value) out.set(texts[index]!, JSON.parse(value) as string[]);
    });
    return out;
  }

  async list(): Promise<HeldKey[]> {
    const all = await this.redis.hgetall(this.keys.writebackHeld);
    return Object.entries(all)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([text, json]) => ({ key: parseStatementKeyText(text), statements: JSON.parse(json) as string[] }));
  }

  async count(): Promise<number> {
    return this.redis.hlen(this.keys.writebackHeld);
  }
}

/**
 * Records Salesforce refused for a reason that retrying will not fix (a validation rule, a field
 * too long): kept for ops with the hash of what was sent, so the same record is not sent again
 * until its content changes, and the rest of the write-back is never held up by it.
 */

import { compareIds } from '@attain/salesforce';
import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys.js';

export interface WriteError {
  ledgerKey: string;
  object: string;
  externalKey: string;
  /** Hash of the refused content. */
  hash: string;
  code: string;
  message: string;
  /** ISO timestamp. */
  at: string;
}

export class WriteErrorStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async record(errors: WriteError[]): Promise<void> {
    if (errors.length === 0) return;
    await this.redis.hset(
      this.keys.writeErrors,
      ...errors.flatMap((error) => [error.ledgerKey, JSON.stringify(error)]),
    );
  }

  async clear(ledgerKeys: string[]): Promise<void> {
    if (ledgerKeys.length === 0) return;
    await this.redis.hdel(this.keys.writeErrors, ...ledgerKeys);
  }

  /** The refused hash per ledger key, for the keys asked. */
  async refusedHashes(ledgerKeys: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (ledgerKeys.length === 0) return out;
    const values = await this.redis.hmget(this.keys.writeErrors, ...ledgerKeys);
    values.forEach((value, index) => {
      if (value) out.set(ledgerKeys[index]!, (JSON.parse(value) as WriteError).hash);
    });
    return out;
  }

  async count(): Promise<number> {
    return this.redis.hlen(this.keys.writeErrors);
  }

  async list(): Promise<WriteError[]> {
    const all = await this.redis.hgetall(this.keys.writeErrors);
    return Object.values(all)
      .map((text) => JSON.parse(text) as WriteError)
      .sort((a, b) => compareIds(a.ledgerKey, b.ledgerKey));
  }
}

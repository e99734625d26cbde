/**
 * What was last written to Salesforce for each statement key: per record external key, the hash
 * of the fields sent and the record's Salesforce id. Write-back diffs against it so that unchanged
 * records are not sent again and records whose line disappeared can be deleted.
 */
import type { StatementKey } from '@attain/engine';
import type { Redis } from 'ioredis';
import { type RedisKeys, statementKeyText } from './keys.js';

export interface WrittenRecord {
  hash: string;
  /** Salesforce record id (needed to delete it later). */
  id: string;
}

export interface WrittenChange {
  written: ({ externalKey: string } & WrittenRecord)[];
  deleted: string[];
}

export class WrittenStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async get(key: StatementKey): Promise<Map<string, WrittenRecord>> {
    const all = await this.redis.hgetall(this.keys.written(statementKeyText(key)));
    const out = new Map<string, WrittenRecord>();
    for (const [externalKey, value] of Object.entries(all)) {
      const space = value.indexOf(' ');
      out.set(externalKey, { hash: value.slice(0, space), id: value.slice(space + 1) });
    }
    return out;
  }

  /** Records what Salesforce accepted; only the records that succeeded should be passed here. */
  async apply(key: StatementKey, change: WrittenChange): Promise<void> {
    await this.applyMany([{ key, change }]);
  }

  /** `apply` for many keys in one transaction. */
  async applyMany(entries: { key: StatementKey; change: WrittenChange }[]): Promise<void> {
    const multi = this.redis.multi();
    let commands = 0;
    for (const { key, change } of entries) {
      const redisKey = this.keys.written(statementKeyText(key));
      if (change.written.length > 0) {
        multi.hset(
          redisKey,
          ...change.written.flatMap((record) => [record.externalKey, `${record.hash} ${record.id}`]),
        );
        commands += 1;
      }
      if (change.deleted.length > 0) {
        multi.hdel(redisKey, ...change.deleted);
        commands += 1;
      }
    }
    if (commands > 0) await multi.exec();
  }
}

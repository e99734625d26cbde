/**
 * The last computed statements per (rep, period) key, and which keys still have to be written
 * back to Salesforce (with a generation, like the dirty marks: a key recomputed during its
 * write-back stays pending).
 */
import type { Statement, StatementKey, Warning } from '@attain/engine';
import type { Redis } from 'ioredis';
import type { DirtyKey } from './deal-store.js';
import { parseStatementKeyText, type RedisKeys, statementKeyText } from './keys.js';
import { type StoreScripts, storeScripts } from './scripts.js';

export interface StoredStatements {
  key: StatementKey;
  statements: Statement[];
  warnings: Warning[];
  /** ISO timestamp. */
  computedAt: string;
}

export class StatementStore {
  private readonly scripts: StoreScripts;
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {
    this.scripts = storeScripts(redis);
  }

  /** Stores a key's statements (none: the key is dropped) and marks the key for write-back. */
  async put(key: StatementKey, statements: Statement[], warnings: Warning[], now: Date = new Date()): Promise<void> {
    await this.putMany([{ key, statements, warnings }], now);
  }

  /** `put` for many keys in one transaction (a compute batch: one round trip instead of one per key). */
  async putMany(
    entries: { key: StatementKey; statements: Statement[]; warnings: Warning[] }[],
    now: Date = new Date(),
  ): Promise<void> {
    if (entries.length === 0) return;
    const multi = this.redis.multi();
    const computedAt = now.toISOString();
    for (const { key, statements, warnings } of entries) {
      const text = statementKeyText(key);
      if (statements.length === 0) {
        multi.del(this.keys.statements(text)).srem(this.keys.statementKeys, text);
        multi.srem(this.keys.repPeriods(key.repId), key.period);
      } else {
        const stored: StoredStatements = { key, statements, warnings, computedAt };
        multi.set(this.keys.statements(text), JSON.stringify(stored)).sadd(this.keys.statementKeys, text);
        // Per-rep index of periods, so a rep's history is read without scanning every key.
        multi.sadd(this.keys.repPeriods(key.repId), key.period);
      }
      multi.hincrby(this.keys.writebackPending, text, 1);
    }
    await multi.exec();
  }

  async get(key: StatementKey): Promise<StoredStatements | null> {
    const text = await this.redis.get(this.keys.statements(statementKeyText(key)));
    return text === null ? null : (JSON.parse(text) as StoredStatements);
  }

  /**
   * For reading a statement (the API): the stored statements of the key, whether it waits for a
   * recompute, and the ids of the rep's disputes — one round trip.
   */
  async readWithState(
    key: StatementKey,
  ): Promise<{ stored: StoredStatements | null; stale: boolean; disputeIds: string[] }> {
    const text = statementKeyText(key);
    const results = await this.redis
      .pipeline()
      .get(this.keys.statements(text))
      .hexists(this.keys.dirty, text)
      .smembers(this.keys.disputesByRep(key.repId))
      .exec();
    const [[readError, stored] = [null, null], [dirtyError, dirty] = [null, 0], [idsError, ids] = [null, []]] =
      results ?? [];
    const error = readError ?? dirtyError ?? idsError;
    if (error) throw error;
    return {
      stored: typeof stored === 'string' ? (JSON.parse(stored) as StoredStatements) : null,
      stale: dirty === 1,
      disputeIds: ids as string[],
    };
  }

  /** The stored statements of many keys in one read, in the order asked (null: none stored). */
  async getMany(keys: StatementKey[]): Promise<(StoredStatements | null)[]> {
    if (keys.length === 0) return [];
    const texts = await this.redis.mget(...keys.map((key) => this.keys.statements(statementKeyText(key))));
    return texts.map((text) => (text === null ? null : (JSON.parse(text) as StoredStatements)));
  }

  /** The periods a rep has statements for (unordered). */
  async periodsOf(repId: string): Promise<string[]> {
    return this.redis.smembers(this.keys.repPeriods(repId));
  }

  /** The keys a transaction that depends on a key's statements WATCHes (opening a dispute on one of its lines). */
  watchKeys(key: StatementKey): string[] {
    return [this.keys.statements(statementKeyText(key))];
  }

  /** Every key that has statements. */
  async keysWithStatements(): Promise<StatementKey[]> {
    return (await this.redis.smembers(this.keys.statementKeys)).sort().map(parseStatementKeyText);
  }

  async pendingWriteback(): Promise<DirtyKey[]> {
    const all = await this.redis.hgetall(this.keys.writebackPending);
    return Object.entries(all)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([text, generation]) => ({ key: parseStatementKeyText(text), generation }));
  }

  async pendingCount(): Promise<number> {
    return this.redis.hlen(this.keys.writebackPending);
  }

  /** Puts keys up for write-back again without recomputing them (held keys, re-checked for locks). */
  async markPending(keys: StatementKey[]): Promise<void> {
    if (keys.length === 0) return;
    const multi = this.redis.multi();
    for (const key of keys) multi.hincrby(this.keys.writebackPending, statementKeyText(key), 1);
    await multi.exec();
  }

  /** The active users (JSON) the records' owners were last planned with (`processors/writeback-owners.ts`). */
  async ownersPlanned(): Promise<string | null> {
    return this.redis.get(this.keys.writebackOwners);
  }

  async setOwnersPlanned(text: string): Promise<void> {
    await this.redis.set(this.keys.writebackOwners, text);
  }

  async writebackGeneration(key: StatementKey): Promise<string | null> {
    return this.redis.hget(this.keys.writebackPending, statementKeyText(key));
  }

  /** Clears the write-back mark if no compute stored newer statements since `generation`. */
  /** Forgets every pending write-back: the state after writing everything back (seeding tools such as the API benchmark). */
  async clearAllPending(): Promise<void> {
    await this.redis.del(this.keys.writebackPending);
  }

  async clearWriteback(key: StatementKey, generation: string): Promise<boolean> {
    return (await this.scripts.deleteIfEqual(this.keys.writebackPending, statementKeyText(key), generation)) === 1;
  }
}

/**
 * Normalized deals: one hash per deal, an index from each (rep, period) statement key to the deals
 * that touch it, and the "dirty" statement keys that must be recomputed. The index is what lets a
 * compute job hand `computeFor` only the deals of its keys instead of the whole org.
 */
import type { Deal, StatementKey } from '@attain/engine';
import { canonicalJson, contentHash } from '@attain/salesforce';
import type { Redis } from 'ioredis';
import { parseStatementKeyText, type RedisKeys, statementKeyText } from './keys.js';
import { type StoreScripts, storeScripts } from './scripts.js';

export const UpsertOutcome = { unchanged: 'unchanged', created: 'created', updated: 'updated' } as const;
export type UpsertOutcome = (typeof UpsertOutcome)[keyof typeof UpsertOutcome];
const OUTCOMES: UpsertOutcome[] = ['unchanged', 'created', 'updated'];

export interface DealToStore {
  deal: Deal;
  /** The statements the deal touches now (the engine's `statementKeysOf`). */
  keys: StatementKey[];
  /** SystemModstamp of the record it came from (epoch ms), kept for ops. */
  modstampMs?: number | null;
  /**
   * Epoch ms the end-to-end lag of this change counts from (its SystemModstamp, for changes an
   * incremental sync brought in); absent for full resyncs and re-indexing.
   */
  lagFromMs?: number | null;
  /**
   * The record's name (Opportunity.Name) for people to read, kept beside the deal (not in it: the
   * engine does not need it). Absent = keep the stored one; null = the record has none.
   */
  name?: string | null;
}

export interface StoredDeal {
  deal: Deal;
  keys: StatementKey[];
  modstampMs: number | null;
}

/** A statement key that must be recomputed, and the generation its compute must clear. */
export interface DirtyKey {
  key: StatementKey;
  generation: string;
}

function optionalMs(ms: number | null | undefined): string {
  return ms === undefined || ms === null ? '' : String(Math.trunc(ms));
}

function keysText(keys: StatementKey[]): string {
  return [...new Set(keys.map(statementKeyText))].sort().join('\n');
}

export class DealStore {
  private readonly scripts: StoreScripts;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {
    this.scripts = storeScripts(redis);
  }

  /** Idempotent: storing the same deal with the same keys again changes nothing and marks nothing dirty. */
  async upsert(item: DealToStore): Promise<UpsertOutcome> {
    const json = canonicalJson(item.deal);
    const keys = keysText(item.keys);
    const result = await this.scripts.upsertDeal(
      [this.keys.deal(item.deal.id), this.keys.dealIds, this.keys.dirty, this.keys.writebackLag],
      [
        this.keys.dealsByKey(''),
        item.deal.id,
        json,
        keys,
        contentHash(`${json}\n${keys}`),
        optionalMs(item.modstampMs),
        optionalMs(item.lagFromMs),
        item.name === undefined ? 'keep' : item.name === null ? 'clear' : 'set',
        item.name ?? '',
      ],
    );
    return OUTCOMES[result] ?? UpsertOutcome.updated;
  }

  /** Upserts many deals; the commands are sent back to back, not one round trip each. */
  async upsertMany(items: DealToStore[]): Promise<Record<UpsertOutcome, number>> {
    const counts: Record<UpsertOutcome, number> = { unchanged: 0, created: 0, updated: 0 };
    for (const outcome of await this.upsertEach(items)) counts[outcome] += 1;
    return counts;
  }

  /** Upserts many deals; the outcome of each, in order. */
  async upsertEach(items: DealToStore[]): Promise<UpsertOutcome[]> {
    return Promise.all(items.map((item) => this.upsert(item)));
  }

  /** Deletes a deal (deleted in Salesforce); the statements it touched become dirty. */
  async remove(dealId: string, lagFromMs?: number | null): Promise<boolean> {
    const removed = await this.scripts.removeDeal(
      [this.keys.deal(dealId), this.keys.dealIds, this.keys.dirty, this.keys.writebackLag],
      [this.keys.dealsByKey(''), dealId, optionalMs(lagFromMs)],
    );
    return removed === 1;
  }

  async get(dealId: string): Promise<StoredDeal | null> {
    const [json, keys, modstamp] = await this.redis.hmget(this.keys.deal(dealId), 'json', 'keys', 'modstamp');
    if (json === null || json === undefined) return null;
    return {
      deal: JSON.parse(json) as Deal,
      keys: keys ? keys.split('\n').map(parseStatementKeyText) : [],
      modstampMs: modstamp ? Number(modstamp) : null,
    };
  }

  /** Every deal that touches at least one of `keys`, each once, ordered by id. */
  async dealsFor(keys: StatementKey[]): Promise<Deal[]> {
    if (keys.length === 0) return [];
    const ids = (await this.redis.sunion(...keys.map((key) => this.keys.dealsByKey(statementKeyText(key))))).sort();
    return this.dealsById(ids);
  }

  async dealIdsFor(key: StatementKey): Promise<string[]> {
    return (await this.redis.smembers(this.keys.dealsByKey(statementKeyText(key)))).sort();
  }

  private async dealsById(ids: string[]): Promise<Deal[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hget(this.keys.deal(id), 'json');
    const results = (await pipeline.exec()) ?? [];
    const deals: Deal[] = [];
    for (const [error, json] of results) {
      if (error) throw error;
      // A deal removed between SUNION and HGET is simply gone: its keys are dirty again anyway.
      if (typeof json === 'string') deals.push(JSON.parse(json) as Deal);
    }
    return deals;
  }

  /** The records' names of these deals, by id; deals without a stored name are left out. */
  async names(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (ids.length === 0) return out;
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hget(this.keys.deal(id), 'name');
    ((await pipeline.exec()) ?? []).forEach(([error, name], index) => {
      if (error) throw error;
      if (typeof name === 'string') out.set(ids[index] as string, name);
    });
    return out;
  }

  /** Stored deals with their record names (null: none), in the order asked; ids not stored are left out. */
  async getManyWithNames(ids: string[]): Promise<{ deal: Deal; name: string | null }[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hmget(this.keys.deal(id), 'json', 'name');
    const out: { deal: Deal; name: string | null }[] = [];
    for (const [error, fields] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      const [json, name] = fields as (string | null)[];
      if (json) out.push({ deal: JSON.parse(json) as Deal, name: name ?? null });
    }
    return out;
  }

  /** Stored deals by id, in the order asked; ids not stored are left out. */
  async getMany(ids: string[]): Promise<StoredDeal[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hmget(this.keys.deal(id), 'json', 'keys', 'modstamp');
    const out: StoredDeal[] = [];
    for (const [error, fields] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      const [json, keys, modstamp] = fields as (string | null)[];
      if (!json) continue;
      out.push({
        deal: JSON.parse(json) as Deal,
        keys: keys ? keys.split('\n').map(parseStatementKeyText) : [],
        modstampMs: modstamp ? Number(modstamp) : null,
      });
    }
    return out;
  }

  /** The inputs generation the statement keys of the stored deals were computed for. */
  async indexedGeneration(): Promise<number> {
    return Number((await this.redis.get(this.keys.indexedGeneration)) ?? 0);
  }

  async setIndexedGeneration(generation: number): Promise<void> {
    await this.redis.set(this.keys.indexedGeneration, String(generation));
  }

  async allIds(): Promise<string[]> {
    return (await this.redis.smembers(this.keys.dealIds)).sort();
  }

  async count(): Promise<number> {
    return this.redis.scard(this.keys.dealIds);
  }

  /** Marks statement keys dirty (a plan, quota or mapping change); returns their new generations. */
  async markDirty(keys: StatementKey[]): Promise<void> {
    if (keys.length === 0) return;
    const multi = this.redis.multi();
    for (const key of new Set(keys.map(statementKeyText))) multi.hincrby(this.keys.dirty, key, 1);
    await multi.exec();
  }

  async dirtyKeys(): Promise<DirtyKey[]> {
    const all = await this.redis.hgetall(this.keys.dirty);
    return Object.entries(all)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([text, generation]) => ({ key: parseStatementKeyText(text), generation }));
  }

  async dirtyCount(): Promise<number> {
    return this.redis.hlen(this.keys.dirty);
  }

  async dirtyGeneration(key: StatementKey): Promise<string | null> {
    return this.redis.hget(this.keys.dirty, statementKeyText(key));
  }

  /**
   * Clears a dirty mark only if nothing marked it again since `generation` was read: a deal that
   * changes while its statement is being computed leaves the key dirty for the next compute.
   */
  /** Forgets every dirty mark: the state after computing everything (seeding tools such as the API benchmark). */
  async clearAllDirty(): Promise<void> {
    await this.redis.del(this.keys.dirty);
  }

  async clearDirty(key: StatementKey, generation: string): Promise<boolean> {
    return (await this.scripts.deleteIfEqual(this.keys.dirty, statementKeyText(key), generation)) === 1;
  }
}

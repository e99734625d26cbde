/**
 * Disputes: a rep contests one line of their statement with a reason; ops accept or reject it with
 * a note. The rep, their managers and ops see its status. The line is identified by its stable key
 * (the `External_Key__c` of its Commission__c record) and a copy of it is kept, because the line
 * itself may change or vanish when the statement is recomputed.
 * Writes are queued into the caller's transaction, next to their audit entry.
 */
import type { ChainableCommander, Redis } from 'ioredis';
import type { RedisKeys } from './keys.js';

export const DisputeStatus = { open: 'open', accepted: 'accepted', rejected: 'rejected' } as const;
export type DisputeStatus = (typeof DisputeStatus)[keyof typeof DisputeStatus];

export interface DisputedLine {
  dealId?: string;
  componentId?: string;
  kind: string;
  tier?: number;
  amount: string;
  explain: string;
}

export interface Dispute {
  id: string;
  repId: string;
  period: string;
  planId: string;
  currency: string;
  lineKey: string;
  line: DisputedLine;
  reason: string;
  status: DisputeStatus;
  openedBy: string;
  /** ISO timestamp. */
  openedAt: string;
  resolution?: { by: string; at: string; note: string };
}

export class DisputeStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async get(id: string): Promise<Dispute | null> {
    const text = await this.redis.hget(this.keys.disputes, id);
    return text === null ? null : (JSON.parse(text) as Dispute);
  }

  /** A rep's disputes, newest first. */
  async ofRep(repId: string): Promise<Dispute[]> {
    return this.byIds(await this.redis.smembers(this.keys.disputesByRep(repId)));
  }

  /** Every dispute (ops), or only the open ones; newest first. */
  async list(onlyOpen: boolean): Promise<Dispute[]> {
    if (onlyOpen) return this.byIds(await this.redis.smembers(this.keys.openDisputes));
    return this.sorted(Object.values(await this.redis.hgetall(this.keys.disputes)).map((text) => JSON.parse(text)));
  }

  async byIds(ids: string[]): Promise<Dispute[]> {
    if (ids.length === 0) return [];
    const texts = await this.redis.hmget(this.keys.disputes, ...ids);
    return this.sorted(texts.filter((text): text is string => text !== null).map((text) => JSON.parse(text)));
  }

  /** The keys a transaction WATCHes that opens a dispute of the rep (one open dispute per line). */
  watchKeysOfRep(repId: string): string[] {
    return [this.keys.disputesByRep(repId)];
  }

  /** The keys a transaction WATCHes that changes a dispute (resolving it). */
  watchKeys(): string[] {
    return [this.keys.disputes];
  }

  /** Queues the write of a new or changed dispute, with its indexes. */
  write(multi: ChainableCommander, dispute: Dispute): ChainableCommander {
    multi
      .hset(this.keys.disputes, dispute.id, JSON.stringify(dispute))
      .sadd(this.keys.disputesByRep(dispute.repId), dispute.id);
    return dispute.status === DisputeStatus.open
      ? multi.sadd(this.keys.openDisputes, dispute.id)
      : multi.srem(this.keys.openDisputes, dispute.id);
  }

  private sorted(disputes: Dispute[]): Dispute[] {
    return disputes.sort((a, b) => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : a.id < b.id ? 1 : -1));
  }
}

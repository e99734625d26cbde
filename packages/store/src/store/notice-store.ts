/**
 * Record-level notices for ops: things that are not sync errors (the record synced) but that cost
 * someone money or attention — a won deal whose rep has no plan (NO_PLAN), a credit dropped for want
 * of an exchange rate (NO_RATE), a negative amount (NEGATIVE_AMOUNT), a recomputed statement held
 * back because the statement is Locked in Salesforce (STATEMENT_LOCKED).
 *
 * Each notice belongs to a source that derives it — a deal (`deal:<id>`), a statement key's compute
 * (`key:<rep>|<period>`), a locked statement (`lock:<external key>`) — and a source replaces all of
 * its notices at once, so the list is always "what is true now", never a growing log.
 */

import { compareIds } from '@attain/salesforce';
import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys.js';

export const NoticeCode = {
  noPlan: 'NO_PLAN',
  noRate: 'NO_RATE',
  negativeAmount: 'NEGATIVE_AMOUNT',
  statementLocked: 'STATEMENT_LOCKED',
  /** The statement's rep is not an active user: its records cannot be owned by the rep (Private sharing). */
  repNotOwner: 'REP_NOT_OWNER',
} as const;
export type NoticeCode = (typeof NoticeCode)[keyof typeof NoticeCode];

export interface NoticeInput {
  code: NoticeCode;
  /** The Salesforce record ops should open: the deal's record, or the locked statement. */
  recordId: string | null;
  object: string;
  dealId?: string;
  repId?: string;
  planId?: string;
  period?: string;
  message: string;
}

export interface Notice extends NoticeInput {
  source: string;
  /** ISO timestamp of when the notice was (re)derived. */
  at: string;
}

/** `deal:006…`, `key:005…|2026-Q1`, `lock:005…|ae|2026-Q1`, `owner:005…|2026-Q1`. */
export const noticeSource = {
  deal: (dealId: string) => `deal:${dealId}`,
  key: (keyText: string) => `key:${keyText}`,
  lock: (statementExternalKey: string) => `lock:${statementExternalKey}`,
  owner: (keyText: string) => `owner:${keyText}`,
} as const;

function noticeId(source: string, notice: NoticeInput): string {
  return `${source}#${notice.code}|${notice.dealId ?? notice.recordId ?? '-'}|${notice.repId ?? '-'}`;
}

export class NoticeStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  /**
   * Replaces the notices of each source (an empty list removes them). One read and one transaction
   * for any number of sources; sources that had none and have none cost nothing more.
   */
  async replace(entries: { source: string; notices: NoticeInput[] }[], now: Date = new Date()): Promise<void> {
    if (entries.length === 0) return;
    const previous = await this.redis.hmget(this.keys.noticesBySource, ...entries.map((entry) => entry.source));
    const multi = this.redis.multi();
    let commands = 0;
    const at = now.toISOString();
    entries.forEach(({ source, notices }, index) => {
      const old = previous[index] ? previous[index]!.split('\n') : [];
      if (old.length === 0 && notices.length === 0) return;
      const fields: string[] = [];
      for (const notice of notices) {
        fields.push(noticeId(source, notice), JSON.stringify({ ...notice, source, at } satisfies Notice));
      }
      const ids = new Set(fields.filter((_, i) => i % 2 === 0));
      const gone = old.filter((id) => !ids.has(id));
      if (gone.length > 0) multi.hdel(this.keys.notices, ...gone);
      if (fields.length > 0) {
        multi.hset(this.keys.notices, ...fields);
        multi.hset(this.keys.noticesBySource, source, [...ids].join('\n'));
      } else {
        multi.hdel(this.keys.noticesBySource, source);
      }
      commands += 1;
    });
    if (commands > 0) await multi.exec();
  }

  async list(): Promise<Notice[]> {
    const all = await this.redis.hvals(this.keys.notices);
    return all
      .map((text) => JSON.parse(text) as Notice)
      .sort((a, b) => compareIds(a.code, b.code) || compareIds(a.recordId ?? '', b.recordId ?? ''));
  }

  async count(): Promise<number> {
    return this.redis.hlen(this.keys.notices);
  }

  /** Notices per code, for status views. */
  async countByCode(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const notice of await this.list()) counts[notice.code] = (counts[notice.code] ?? 0) + 1;
    return counts;
  }
}

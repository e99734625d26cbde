/**
 * The audit log: one entry per change made through the API (plans, assignments, quotas, mapping
 * versions, disputes, sync requests) with who made it, when, and the state before and after.
 * A Redis stream: entries are append-only, ordered, and their ids page the log. An entry is added
 * in the same MULTI as the change it records (`append`), so there is never a change without its
 * entry or an entry for a change that did not happen. Nothing trims the stream.
 */
import type { ChainableCommander, Redis } from 'ioredis';
import type { RedisKeys } from './keys.js';

export interface AuditActor {
  userId: string;
  name: string;
}

export interface AuditEntry {
  /** Stream id (`1767225600000-0`): time-ordered, unique. */
  id: string;
  /** ISO timestamp. */
  at: string;
  actor: AuditActor;
  /** `plan.save`, `plan.delete`, `assignments.replace`, `quotas.replace`, `mapping.save`, `dispute.open`, … */
  action: string;
  /** What changed: `plan:ae-2026`, `assignments`, `dispute:dsp_…`. */
  target: string;
  before: unknown;
  after: unknown;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` to read the next (older) page; null at the end. */
  next: string | null;
}

export class AuditStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  /** Queues the entry into a transaction that makes the change. */
  append(multi: ChainableCommander, entry: NewAuditEntry): ChainableCommander {
    return multi.xadd(this.keys.audit, '*', 'entry', JSON.stringify(entry));
  }

  /** Adds the entry on its own, for an action whose effect is not a Redis write of the API (a queued job). */
  async record(entry: NewAuditEntry): Promise<void> {
    await this.redis.xadd(this.keys.audit, '*', 'entry', JSON.stringify(entry));
  }

  /** Newest first; `before` is an entry id (exclusive). */
  async page(limit: number, before?: string): Promise<AuditPage> {
    const rows = await this.redis.xrevrange(
      this.keys.audit,
      before === undefined ? '+' : `(${before}`,
      '-',
      'COUNT',
      limit + 1,
    );
    const entries = rows.slice(0, limit).map(([id, fields]) => {
      const at = fields.indexOf('entry');
      return { id, ...(JSON.parse(fields[at + 1] ?? '{}') as NewAuditEntry) };
    });
    return { entries, next: rows.length > limit ? (entries[entries.length - 1]?.id ?? null) : null };
  }

  async count(): Promise<number> {
    return this.redis.xlen(this.keys.audit);
  }
}

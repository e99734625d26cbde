/**
 * Planning one write-back round: for each pending statement key, the records its statements should
 * have in Salesforce diffed against what was last written (the ledger) — upserts for new or changed
 * records, deletes for records whose line disappeared — and then the operations on statements that
 * are Locked in Salesforce taken out and held (see statement-locks.ts).
 */
import type { Statement, StatementKey } from '@attain/engine';
import {
  COMMISSION_OBJECT,
  type RecordOptions,
  type RecordToWrite,
  recordsFor,
  STATEMENT_OBJECT,
  statementKeyOfLedgerKey,
} from '@attain/salesforce';
import type { WrittenChange } from '@attain/store';
import { type NoticeInput, noticeSource, statementKeyText } from '@attain/store';
import type { ProcessorContext } from './context.js';
import { type HeldChanges, type LockedStatement, lockNotice, statementByKey } from './statement-locks.js';
import { type OwnerDirectory, ownerNoticeSource, ownerNotices } from './writeback-owners.js';

export interface KeyWork {
  key: StatementKey;
  generation: string;
  statements: Statement[];
  change: WrittenChange;
  transientFailures: number;
  /** Records sent (upserted or deleted) for this key: its end-to-end lag is observed when > 0. */
  sent: number;
}

export interface Operation {
  work: KeyWork;
  /** External key of the statement the record belongs to. */
  statementKey: string;
  record?: RecordToWrite;
  /** For upserts: whether the ledger has the record already (update) or not (create). */
  known?: boolean;
  /** For deletes: the ledger key and Salesforce id. */
  ledgerKey: string;
  deleteId?: string;
}

export interface RoundPlan {
  works: KeyWork[];
  upserts: Map<string, Operation[]>;
  deletes: Operation[];
}

/** Counts the plan reports as it goes (records not sent because they did not change). */
export interface PlanCounts {
  unchanged: Map<string, number>;
}

export async function planRound(
  context: ProcessorContext,
  round: { key: StatementKey; generation: string }[],
  options: Omit<RecordOptions, 'computedAt'>,
  counts: PlanCounts,
  /** Record owners; without them (no directory synced yet) no OwnerId is set and no owner notice made. */
  owners?: OwnerDirectory,
): Promise<RoundPlan> {
  const { store } = context;
  const plan: RoundPlan = {
    works: [],
    upserts: new Map([
      [STATEMENT_OBJECT, []],
      [COMMISSION_OBJECT, []],
    ]),
    deletes: [],
  };
  // Read every key's state at once (ioredis pipelines concurrent commands), then plan in key order.
  const states = await Promise.all(
    round.map(async ({ key }) => {
      const stored = await store.statements.get(key);
      const records = recordsFor(stored?.statements ?? [], {
        ...options,
        ...(stored ? { computedAt: stored.computedAt } : {}),
        ...(owners ? { owners: owners.owners } : {}),
      });
      const [written, refused] = await Promise.all([
        store.written.get(key),
        store.writeErrors.refusedHashes(records.map((r) => r.ledgerKey)),
      ]);
      return { statements: stored?.statements ?? [], records, written, refused };
    }),
  );
  if (owners) {
    await context.store.notices.replace(
      round.map(({ key }, index) => ({
        source: ownerNoticeSource(key),
        notices: ownerNotices(owners, key, states[index]!.statements.length > 0),
      })),
    );
  }
  round.forEach(({ key, generation }, index) => {
    const { statements, records, written, refused } = states[index]!;
    const work: KeyWork = {
      key,
      generation,
      statements,
      change: { written: [], deleted: [] },
      transientFailures: 0,
      sent: 0,
    };
    plan.works.push(work);
    const wanted = new Set<string>();
    for (const record of records) {
      wanted.add(record.ledgerKey);
      const known = written.get(record.ledgerKey);
      if (known?.hash === record.hash || refused.get(record.ledgerKey) === record.hash) {
        counts.unchanged.set(record.object, (counts.unchanged.get(record.object) ?? 0) + 1);
        continue;
      }
      plan.upserts.get(record.object)!.push({
        work,
        statementKey: record.statementKey,
        record,
        known: known !== undefined,
        ledgerKey: record.ledgerKey,
      });
    }
    for (const [ledgerKey, { id }] of written) {
      if (wanted.has(ledgerKey)) continue;
      plan.deletes.push({ work, statementKey: statementKeyOfLedgerKey(ledgerKey), ledgerKey, deleteId: id });
    }
  });
  return plan;
}

/** The statement external keys the plan would write to, and their periods. */
export function touchedStatements(plan: RoundPlan): { statements: Set<string>; periods: Set<string> } {
  const statements = new Set<string>();
  const periods = new Set<string>();
  for (const operation of [...[...plan.upserts.values()].flat(), ...plan.deletes]) {
    statements.add(operation.statementKey);
    periods.add(operation.work.key.period);
  }
  return { statements, periods };
}

export interface HoldResult {
  /** Operations taken out, by object. */
  held: Map<string, number>;
}

/**
 * Takes the operations on locked statements out of the plan; records which keys are held and the
 * notices that say why (and clears both for keys of the round that are no longer held).
 */
export async function holdLocked(
  context: ProcessorContext,
  plan: RoundPlan,
  locks: Map<string, LockedStatement>,
): Promise<HoldResult> {
  const { store } = context;
  const held = new Map<string, number>();
  const byWork = new Map<KeyWork, Map<string, HeldChanges>>();
  const keep = (operation: Operation, object: string, change: keyof HeldChanges): boolean => {
    if (!locks.has(operation.statementKey)) return true;
    held.set(object, (held.get(object) ?? 0) + 1);
    const statements = byWork.get(operation.work) ?? new Map<string, HeldChanges>();
    const changes = statements.get(operation.statementKey) ?? { create: 0, update: 0, delete: 0 };
    changes[change] += 1;
    statements.set(operation.statementKey, changes);
    byWork.set(operation.work, statements);
    return false;
  };
  for (const [object, operations] of plan.upserts) {
    plan.upserts.set(
      object,
      operations.filter((op) => keep(op, object, op.known ? 'update' : 'create')),
    );
  }
  plan.deletes = plan.deletes.filter((op) =>
    keep(op, op.ledgerKey.startsWith('S|') ? STATEMENT_OBJECT : COMMISSION_OBJECT, 'delete'),
  );

  const before = await store.held.get(plan.works.map((work) => work.key));
  const notices: { source: string; notices: NoticeInput[] }[] = [];
  const released: StatementKey[] = [];
  for (const work of plan.works) {
    const now = byWork.get(work);
    const previously = before.get(statementKeyText(work.key)) ?? [];
    for (const statementKey of previously) {
      if (!now?.has(statementKey)) notices.push({ source: noticeSource.lock(statementKey), notices: [] });
    }
    if (!now) {
      if (previously.length > 0) released.push(work.key);
      continue;
    }
    for (const [statementKey, changes] of now) {
      const notice = lockNotice(locks.get(statementKey)!, statementByKey(work.statements, statementKey), changes);
      notices.push({ source: noticeSource.lock(statementKey), notices: [notice] });
    }
    await store.held.hold(work.key, [...now.keys()]);
    context.logger.warn(
      { repId: work.key.repId, period: work.key.period, statements: [...now.keys()] },
      'statement locked in Salesforce: recomputed result held',
    );
  }
  await store.held.release(released);
  await store.notices.replace(notices);
  return { held };
}

/**
 * The write-back pass: for every statement key pending write-back, diff the records its statements
 * should have in Salesforce against what was last written, and send only the difference —
 * `Commission__c` / `Commission_Statement__c` upserted by External_Key__c in collections of ≤ 200
 * (allOrNone=false), records whose line disappeared deleted. What Salesforce accepted is recorded
 * at once, so a retry (after a crash, a 5xx or a row lock) resends only what is still missing.
 */

import {
  COMMISSION_OBJECT,
  DEFAULT_FIELD_MAPPING,
  describeThrough,
  EXTERNAL_KEY_FIELD,
  isTransientError,
  type RecordOptions,
  STATEMENT_OBJECT,
  TRANSIENT_STATUS_CODES,
} from '@attain/salesforce';
import type { WriteError } from '@attain/store';
import type { Connection } from 'jsforce';
import { bulkDelete, bulkUpsert, type SaveResultLike } from './bulk-writes.js';
import type { ProcessorContext } from './context.js';
import { inPool } from './pool.js';
import { type LockedStatement, lockedStatements } from './statement-locks.js';
import { type OwnerDirectory, ownerDirectory } from './writeback-owners.js';
import {
  holdLocked,
  type KeyWork,
  type Operation,
  type PlanCounts,
  planRound,
  type RoundPlan,
  touchedStatements,
} from './writeback-plan.js';

/**
 * Keys handled per round: bounds memory, lets progress be recorded between rounds, and is large
 * enough that a full resync's write-back is a few Bulk jobs rather than dozens.
 */
const KEYS_PER_ROUND = 5000;
/** Collection calls in flight at once: Salesforce answers each in 100s of ms; a few at once keep it busy. */
const COLLECTIONS_IN_FLIGHT = 3;
/** Delete answers that mean the record is already gone: the goal is reached. */
const ALREADY_GONE = new Set(['ENTITY_IS_DELETED', 'NOT_FOUND', 'INVALID_CROSS_REFERENCE_KEY']);

export interface WritebackOutcome {
  keys: number;
  upserted: number;
  deleted: number;
  unchanged: number;
  /** Records Salesforce refused for good (kept in the write-error store). */
  refused: number;
  /** Records that failed transiently and are still pending. */
  retrying: number;
  /** Records not sent because their statement is Locked in Salesforce. */
  held: number;
}

/** Thrown at the end of a pass that left records pending after transient failures: BullMQ retries it with backoff. */
export class WritebackIncompleteError extends Error {
  readonly code = 'WRITEBACK_INCOMPLETE';
  constructor(readonly pending: number) {
    super(`${pending} record(s) failed transiently and will be retried`);
    this.name = 'WritebackIncompleteError';
  }
}

function firstError(result: SaveResultLike): { code: string; message: string } {
  const error = result.errors?.[0];
  return { code: error?.statusCode ?? error?.errorCode ?? 'UNKNOWN', message: error?.message ?? 'no message' };
}

async function commissionHasCurrency(connection: Connection): Promise<boolean> {
  const described = await describeThrough(connection)(COMMISSION_OBJECT);
  if (!described) throw new Error(`${COMMISSION_OBJECT} is not in the org: deploy Attain's package first`);
  return described.fields.some((field) => field.name === 'CurrencyIsoCode');
}

async function recordOptions(context: ProcessorContext): Promise<Omit<RecordOptions, 'computedAt'>> {
  const mapping = (await context.store.mapping.current())?.mapping ?? DEFAULT_FIELD_MAPPING;
  // The describe changes only with a deployment: read once per process and ten minutes, not per pass.
  const multiCurrency = await context.salesforce.memo(`${COMMISSION_OBJECT}:currency`, () =>
    context.salesforce.call(commissionHasCurrency),
  );
  return { dealsAreOpportunities: mapping.object === 'Opportunity' && mapping.id === 'Id', multiCurrency };
}

/** Record owners from the synced directory, read once per pass; none before the first directory sync. */
async function recordOwners(context: ProcessorContext): Promise<OwnerDirectory | undefined> {
  const stored = await context.store.directory.get();
  return stored ? ownerDirectory(stored.directory) : undefined;
}

/** A collection call that failed as a whole: transient failures mark its records for retry, others end the pass. */
async function collectionCall(
  operations: Operation[],
  outcome: WritebackOutcome,
  tally: Tally,
  object: string,
  call: () => Promise<(SaveResultLike | undefined)[]>,
): Promise<(SaveResultLike | undefined)[] | null> {
  try {
    return await call();
  } catch (error) {
    if (!isTransientError(error)) throw error;
    for (const operation of operations) operation.work.transientFailures += 1;
    outcome.retrying += operations.length;
    tally.add(object, 'retrying', operations.length);
    return null;
  }
}

function refusal(operation: Operation, object: string, hash: string, result: SaveResultLike): WriteError {
  const { code, message } = firstError(result);
  return {
    ledgerKey: operation.ledgerKey,
    object,
    externalKey: operation.ledgerKey.slice(2),
    hash,
    code,
    message,
    at: new Date().toISOString(),
  };
}

/** Collections of `size`, or one Bulk 2.0 job when there are at least `bulkThreshold` operations. */
function batches(operations: Operation[], size: number, bulkThreshold: number): Operation[][] {
  if (operations.length >= bulkThreshold) return [operations];
  const out: Operation[][] = [];
  for (let i = 0; i < operations.length; i += size) out.push(operations.slice(i, i + size));
  return out;
}

/** Per object and outcome, flushed into the metrics at the end of a pass. */
class Tally {
  private readonly counts = new Map<string, number>();
  add(object: string, outcome: string, count = 1): void {
    if (count <= 0) return;
    const key = `${object}\n${outcome}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + count);
  }
  flush(context: ProcessorContext): void {
    for (const [key, count] of this.counts) {
      const [object = '', outcome = ''] = key.split('\n');
      context.metrics.recordsWritten.inc({ object, outcome }, count);
    }
    this.counts.clear();
  }
}

interface RoundResults {
  refused: WriteError[];
  /** Ledger keys written or deleted: their old write errors are void. */
  cleared: string[];
}

async function sendUpserts(
  context: ProcessorContext,
  plan: RoundPlan,
  outcome: WritebackOutcome,
  tally: Tally,
  results: RoundResults,
): Promise<void> {
  const { salesforce } = context;
  const { collectionSize: size, bulkThreshold } = context.settings;
  for (const [object, operations] of plan.upserts) {
    await inPool(batches(operations, size, bulkThreshold), COLLECTIONS_IN_FLIGHT, async (chunk) => {
      const fields = chunk.map((op) => op.record!.fields);
      const saved = await collectionCall(chunk, outcome, tally, object, () =>
        chunk.length >= bulkThreshold
          ? salesforce.call((connection) => bulkUpsert(connection, object, fields))
          : salesforce.call(
              async (connection) =>
                (await connection.upsert(
                  object,
                  fields as (Record<string, unknown> & { [EXTERNAL_KEY_FIELD]: string })[],
                  EXTERNAL_KEY_FIELD,
                  { allOrNone: false },
                )) as unknown as SaveResultLike[],
            ),
      );
      if (!saved) return;
      chunk.forEach((operation, index) => {
        const result = saved[index];
        const record = operation.record!;
        if (result?.success && result.id) {
          operation.work.change.written.push({ externalKey: record.ledgerKey, hash: record.hash, id: result.id });
          operation.work.sent += 1;
          results.cleared.push(record.ledgerKey);
          outcome.upserted += 1;
          tally.add(object, 'written');
        } else if (!result || TRANSIENT_STATUS_CODES.has(firstError(result).code)) {
          operation.work.transientFailures += 1;
          outcome.retrying += 1;
          tally.add(object, 'retrying');
        } else {
          results.refused.push(refusal(operation, object, record.hash, result));
          outcome.refused += 1;
          tally.add(object, 'refused');
        }
      });
    });
  }
}

async function sendDeletes(
  context: ProcessorContext,
  plan: RoundPlan,
  outcome: WritebackOutcome,
  tally: Tally,
  results: RoundResults,
): Promise<void> {
  const { salesforce } = context;
  const { collectionSize: size, bulkThreshold } = context.settings;
  const deletesByObject = new Map<string, Operation[]>();
  for (const operation of plan.deletes) {
    const object = operation.ledgerKey.startsWith('S|') ? STATEMENT_OBJECT : COMMISSION_OBJECT;
    deletesByObject.set(object, [...(deletesByObject.get(object) ?? []), operation]);
  }
  for (const [object, operations] of deletesByObject) {
    await inPool(batches(operations, size, bulkThreshold), COLLECTIONS_IN_FLIGHT, async (chunk) => {
      const ids = chunk.map((op) => op.deleteId!);
      const saved = await collectionCall(chunk, outcome, tally, object, () =>
        chunk.length >= bulkThreshold
          ? salesforce.call((connection) => bulkDelete(connection, object, ids))
          : salesforce.call(
              async (connection) =>
                (await connection.destroy(object, ids, { allOrNone: false })) as unknown as SaveResultLike[],
            ),
      );
      if (!saved) return;
      chunk.forEach((operation, index) => {
        const result = saved[index];
        const code = result && !result.success ? firstError(result).code : undefined;
        if (result && (result.success || (code !== undefined && ALREADY_GONE.has(code)))) {
          operation.work.change.deleted.push(operation.ledgerKey);
          operation.work.sent += 1;
          results.cleared.push(operation.ledgerKey);
          outcome.deleted += 1;
          tally.add(object, 'deleted');
        } else if (!result || TRANSIENT_STATUS_CODES.has(code ?? '')) {
          operation.work.transientFailures += 1;
          outcome.retrying += 1;
          tally.add(object, 'retrying');
        } else {
          // Kept in the written ledger: the delete is tried again the next time this key is written back.
          results.refused.push(refusal(operation, object, 'delete', result));
          outcome.refused += 1;
          tally.add(object, 'refused');
        }
      });
    });
  }
}

export async function runWriteback(context: ProcessorContext): Promise<WritebackOutcome> {
  const { store } = context;
  const outcome: WritebackOutcome = {
    keys: 0,
    upserted: 0,
    deleted: 0,
    unchanged: 0,
    refused: 0,
    retrying: 0,
    held: 0,
  };
  const pending = await store.statements.pendingWriteback();
  if (pending.length === 0) return outcome;
  const options = await recordOptions(context);
  const owners = await recordOwners(context);
  const tally = new Tally();
  // Read lazily, once per pass: a pass whose records all match the ledger asks Salesforce nothing.
  let locks: Map<string, LockedStatement> | undefined;

  try {
    for (let start = 0; start < pending.length; start += KEYS_PER_ROUND) {
      const counts: PlanCounts = { unchanged: new Map() };
      const plan = await planRound(context, pending.slice(start, start + KEYS_PER_ROUND), options, counts, owners);
      for (const [object, count] of counts.unchanged) {
        outcome.unchanged += count;
        tally.add(object, 'unchanged', count);
      }
      if (locks === undefined && touchedStatements(plan).statements.size > 0) {
        locks = await lockedStatements(context, [...new Set(pending.map((entry) => entry.key.period))]);
      }
      const { held } = await holdLocked(context, plan, locks ?? new Map());
      for (const [object, count] of held) {
        outcome.held += count;
        tally.add(object, 'held', count);
      }
      const results: RoundResults = { refused: [], cleared: [] };
      try {
        await sendUpserts(context, plan, outcome, tally, results);
        await sendDeletes(context, plan, outcome, tally, results);
      } finally {
        // Whatever Salesforce accepted is recorded even when the pass stops half-way (a limit, a crash of
        // a call): the retry then sends only what is still missing.
        await store.writeErrors.record(results.refused);
        await store.writeErrors.clear(results.cleared);
        await store.written.applyMany(plan.works.map((work) => ({ key: work.key, change: work.change })));
      }
      const done = plan.works.filter((work) => work.transientFailures === 0);
      await Promise.all(done.map((work) => store.statements.clearWriteback(work.key, work.generation)));
      await observeLag(context, done);
      outcome.keys += plan.works.length;
    }
  } finally {
    tally.flush(context);
  }
  if (outcome.retrying > 0) throw new WritebackIncompleteError(outcome.retrying);
  return outcome;
}

/** End-to-end lag of the keys now in Salesforce: from the oldest change that made them pending. */
async function observeLag(context: ProcessorContext, done: KeyWork[]): Promise<void> {
  const changedAt = await context.store.lag.pop(done.map((work) => work.key));
  const now = Date.now();
  done.forEach((work, index) => {
    const since = changedAt[index];
    if (since !== null && since !== undefined && work.sent > 0) {
      context.metrics.writebackLag.observe(Math.max(0, now - since) / 1000);
    }
  });
}

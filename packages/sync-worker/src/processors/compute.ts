/**
 * The compute job of one shard: every dirty (rep, period) statement key of the shard, each with the
 * engine's `computeFor` over exactly the deals that touch it, the result stored, and a write-back
 * queued. A key's dirty mark is cleared only if no deal changed since the mark was read, so a change
 * during the computation is never lost (the key stays dirty, and the sync that changed it queued
 * this shard again: BullMQ runs that job after this one).
 */
import type { Statement, Warning } from '@attain/engine';
import { computeFor } from '@attain/engine';
import { DEFAULT_FIELD_MAPPING } from '@attain/salesforce';
import type { DirtyKey } from '@attain/store';
import {
  computeShardOf,
  enqueueWriteback,
  type IndexedInputs,
  inputForKey,
  type NoticeInput,
  noticeSource,
  statementKeyText,
} from '@attain/store';
import type { ProcessorContext } from './context.js';
import { computeNotices } from './deal-notices.js';
import { inPool } from './pool.js';

export interface ComputeOutcome {
  /** Statement keys computed. */
  keys: number;
  statements: number;
  deals: number;
}

/** Keys per batch: notices, metrics and the write-back trigger are handled once per batch. */
const BATCH = 200;
/** The longest a computed statement waits for a write-back pass while other keys are still being computed. */
const WRITEBACK_WAIT_MS = 10_000;

interface KeyResult {
  entry: DirtyKey;
  statements: Statement[];
  warnings: Warning[];
  deals: number;
  notices: NoticeInput[];
}

async function computeKey(
  context: ProcessorContext,
  inputs: IndexedInputs,
  object: string,
  entry: DirtyKey,
): Promise<KeyResult> {
  const { store } = context;
  const { key } = entry;
  const deals = await store.deals.dealsFor([key]);
  const input = inputForKey(inputs, key, deals);
  // Stored inputs and stored deals were each validated by the engine; together they must validate too.
  if (!input.ok) throw new Error(`engine input for ${key.repId} ${key.period} does not validate: ${input.message}`);
  const output = computeFor(input.value, [key]);
  return {
    entry,
    statements: output.statements,
    warnings: output.warnings,
    deals: deals.length,
    notices: computeNotices(object, output.warnings),
  };
}

export async function runCompute(context: ProcessorContext, shard: number): Promise<ComputeOutcome> {
  const { store } = context;
  const outcome: ComputeOutcome = { keys: 0, statements: 0, deals: 0 };
  const dirty = (await store.deals.dirtyKeys()).filter((entry) => computeShardOf(entry.key) === shard);
  if (dirty.length === 0) return outcome;
  const object = (await store.mapping.current())?.mapping.object ?? DEFAULT_FIELD_MAPPING.object;
  for (let start = 0; start < dirty.length; start += BATCH) {
    const inputs = (await context.inputs.current()).indexed();
    const results = await inPool(dirty.slice(start, start + BATCH), 8, (entry) =>
      computeKey(context, inputs, object, entry),
    );
    // Stored first, then the dirty marks cleared: a crash in between only computes the batch again.
    await store.statements.putMany(
      results.map(({ entry, statements, warnings }) => ({ key: entry.key, statements, warnings })),
    );
    await Promise.all(results.map(({ entry }) => store.deals.clearDirty(entry.key, entry.generation)));
    await store.notices.replace(
      results.map((result) => ({
        source: noticeSource.key(statementKeyText(result.entry.key)),
        notices: result.notices,
      })),
    );
    let statements = 0;
    for (const result of results) {
      outcome.keys += 1;
      statements += result.statements.length;
      outcome.deals += result.deals;
    }
    outcome.statements += statements;
    context.metrics.statementsComputed.inc(statements);
    // The last dirty key of all starts the write-back at once. Earlier batches only make sure a pass
    // comes within WRITEBACK_WAIT_MS if computing goes on that long: a full resync is then written in a
    // few large passes (Bulk jobs) instead of many small ones racing the computation.
    const lastOfAll = (await store.deals.dirtyCount()) === 0;
    await enqueueWriteback(context.queues, `computed shard ${shard}`, lastOfAll ? 0 : WRITEBACK_WAIT_MS);
  }
  return outcome;
}

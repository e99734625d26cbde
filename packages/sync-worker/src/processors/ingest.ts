/**
 * The one ingest path: records of the mapped object, as Salesforce returned them, become stored
 * deals. Every sync page and every retry of a record-level error goes through it:
 *
 *   normalize (record name, known currencies) → statement keys → upsert (one batch) → notices →
 *   errors kept or cleared,
 *
 * then the work they leave (dirty statement keys, pending write-back) is queued. What differs
 * between callers — the cursor, the run's counts, the lag clock — stays with the caller.
 */
import type { StatementKey } from '@attain/engine';
import {
  childSelections,
  type DescribedObject,
  describeThrough,
  type FieldMapping,
  type NormalizeContext,
  normalizeRecord,
  type RecordError,
  recordNameField,
} from '@attain/salesforce';
import type { DealToStore, IndexedInputs, NoticeInput } from '@attain/store';
import { enqueueCompute, enqueueWriteback, noticeSource, statementKeysFor } from '@attain/store';
import type { ProcessorContext } from './context.js';
import { dealNotices } from './deal-notices.js';
import type { OrgCurrencies } from './sync-currencies.js';

export type SalesforceRecord = Record<string, unknown>;

/** A query result page (or a child relationship's rows) as the REST API returns it. */
export interface PageResult {
  done: boolean;
  totalSize: number;
  records: SalesforceRecord[];
  nextRecordsUrl?: string;
}

/** How records are read into deals: the mapping, what normalizing needs, the inputs keys come from. */
export interface IngestSetup {
  mapping: FieldMapping;
  normalizeContext: NormalizeContext;
  input: IndexedInputs;
  /** The mapped object's describe (null when Salesforce has none): its name field and child relationships. */
  described: DescribedObject | null;
}

/** The mapped object's describe (read once per process and ten minutes): its name field and children. */
export async function describeMapped(context: ProcessorContext, object: string): Promise<DescribedObject | null> {
  return context.salesforce.memo(`${object}:describe`, () =>
    context.salesforce.call(async (connection) => describeThrough(connection)(object)),
  );
}

/** The setup of an ingest: the record name field and active currencies checked, keys against the current inputs. */
export async function ingestSetup(
  context: ProcessorContext,
  mapping: FieldMapping,
  currencies: OrgCurrencies | null,
): Promise<IngestSetup> {
  const described = await describeMapped(context, mapping.object);
  const nameField = recordNameField(described) ?? undefined;
  const normalizeContext: NormalizeContext = {
    ...(currencies ? { knownCurrencies: currencies.active } : {}),
    ...(nameField === undefined ? {} : { nameField }),
  };
  return { mapping, normalizeContext, input: (await context.inputs.current()).indexed(), described };
}

export interface IngestOptions {
  /** Where errors are recorded from: the sync run's id, or `retry:<user>`. */
  source: string;
  /** Start the end-to-end lag clock at each changed record's SystemModstamp (incremental syncs). */
  lagTracked: boolean;
  /** Where the lag clock starts for a record read again for a child's change: at that change. */
  lagFromMs?: ReadonlyMap<string, number>;
  /**
   * Derive notices for unchanged deals too (a full resync rebuilds them all; a retry re-derives
   * those of the records it was asked about). Otherwise an unchanged deal keeps the notices it had.
   */
  renewUnchangedNotices: boolean;
  /** The ids a read by id asked for (a retry): those Salesforce did not return were deleted since, and are removed. */
  askedFor?: string[];
}

export interface IngestResult {
  read: number;
  counts: { created: number; updated: number; unchanged: number; deleted: number };
  /** Ids stored as deals now (a fix clears their error). */
  stored: string[];
  /** Ids removed (deleted in Salesforce). */
  removed: string[];
  /** Records that could not become deals. */
  errors: RecordError[];
  /** Ids of the live records returned (deals and errors: a full resync keeps them). */
  seen: string[];
  /** The newest SystemModstamp among the records (where a sync's cursor may move). */
  newestMs: number | null;
}

/** Normalizes and stores one batch of records; see the file comment. Children must be complete (`completeChildren`). */
export async function ingestRecords(
  context: ProcessorContext,
  setup: IngestSetup,
  records: SalesforceRecord[],
  options: IngestOptions,
): Promise<IngestResult> {
  const { store, metrics } = context;
  const { mapping } = setup;
  const upserts: DealToStore[] = [];
  const deletions: { id: string; modstampMs: number | null }[] = [];
  const errors: RecordError[] = [];
  const seen: string[] = [];
  let newestMs: number | null = null;
  for (const record of records) {
    const result = normalizeRecord(record, mapping, setup.normalizeContext);
    if (result.modstampMs !== null && (newestMs === null || result.modstampMs > newestMs)) newestMs = result.modstampMs;
    if (result.kind === 'deal') {
      seen.push(result.deal.id);
      upserts.push({
        deal: result.deal,
        keys: statementKeysFor(setup.input, result.deal),
        modstampMs: result.modstampMs,
        ...(options.lagTracked ? { lagFromMs: options.lagFromMs?.get(result.deal.id) ?? result.modstampMs } : {}),
        ...(result.name === undefined ? {} : { name: result.name }),
      });
    } else if (result.kind === 'deleted') {
      deletions.push({ id: result.id, modstampMs: result.modstampMs });
    } else {
      // An unprocessable record keeps its last good deal (if any): a later fix in Salesforce syncs normally.
      if (result.error.recordId !== null) seen.push(result.error.recordId);
      errors.push(result.error);
    }
  }
  if (options.askedFor) {
    const returned = new Set(seen);
    for (const id of options.askedFor) if (!returned.has(id)) deletions.push({ id, modstampMs: null });
  }
  const outcomes = await store.deals.upsertEach(upserts);
  const counts = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
  const notices: { source: string; notices: NoticeInput[] }[] = [];
  outcomes.forEach((outcome, index) => {
    counts[outcome] += 1;
    // An unchanged deal (same content, same statement keys) has the notices it had, unless asked to renew
    // them (which is also how notices are rebuilt after Redis lost them).
    if (outcome === 'unchanged' && !options.renewUnchangedNotices) return;
    const { deal, keys } = upserts[index]!;
    notices.push({ source: noticeSource.deal(deal.id), notices: dealNotices(mapping.object, deal, keys) });
  });
  const removed: string[] = [];
  for (const { id, modstampMs } of deletions) {
    const lagFromMs = options.lagTracked ? (options.lagFromMs?.get(id) ?? modstampMs) : null;
    if (await store.deals.remove(id, lagFromMs)) counts.deleted += 1;
    removed.push(id);
    notices.push({ source: noticeSource.deal(id), notices: [] });
  }
  await store.notices.replace(notices);
  metrics.recordsRead.inc({ object: mapping.object }, records.length);
  for (const [outcome, count] of Object.entries({ ...counts, error: errors.length })) {
    if (count > 0) metrics.recordsSynced.inc({ object: mapping.object, outcome }, count);
  }
  const stored = upserts.map((upsert) => upsert.deal.id);
  await store.errors.record(errors, options.source);
  await store.errors.clear([...stored, ...removed]);
  return { read: records.length, counts, stored, removed, errors, seen, newestMs };
}

/**
 * A parent's child rows come in batches too: past the first (about 200 rows) the subquery result
 * says `done: false` with its own `nextRecordsUrl`. Reads the rest so that no split is lost.
 */
export async function completeChildren(
  context: ProcessorContext,
  mapping: FieldMapping,
  records: SalesforceRecord[],
): Promise<void> {
  const relationships = childSelections(mapping).map((selection) => selection.relationship);
  for (const record of records) {
    for (const relationship of relationships) {
      const key = Object.keys(record).find((k) => k.toLowerCase() === relationship.toLowerCase());
      let result = key ? (record[key] as PageResult | null) : null;
      if (!result || result.done || !result.nextRecordsUrl) continue;
      const rows = [...result.records];
      while (!result.done && result.nextRecordsUrl) {
        const locator: string = result.nextRecordsUrl;
        result = await context.salesforce.call(
          async (connection) => (await connection.queryMore<SalesforceRecord>(locator)) as PageResult,
        );
        rows.push(...result.records);
      }
      record[key!] = { totalSize: rows.length, done: true, records: rows };
    }
  }
}

/** Queues a compute for every dirty statement key and a write-back pass for pending keys. */
export async function queueDirtyWork(context: ProcessorContext, reason = 'pending after sync'): Promise<number> {
  const dirty = await context.store.deals.dirtyKeys();
  const keys: StatementKey[] = dirty.map((entry) => entry.key);
  await enqueueCompute(context.queues, keys);
  if ((await context.store.statements.pendingWriteback()).length > 0) {
    await enqueueWriteback(context.queues, reason);
  }
  return keys.length;
}

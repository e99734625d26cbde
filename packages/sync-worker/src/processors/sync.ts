/**
 * The sync job: read the mapped object from Salesforce page by page, turn records into deals,
 * upsert them (idempotently) into the store, and queue a compute for every statement they touch.
 *
 * - incremental: `queryAll` from the cursor minus an overlap, so deleted rows come back too
 *   (`IsDeleted = true`) and a row committed late behind the cursor is not missed;
 * - full: every live row; afterwards, deals the store holds that Salesforce no longer returned are
 *   removed (rows purged from the recycle bin never show up in `queryAll`).
 * The cursor moves after each page, so a sync that dies half-way resumes near where it stopped.
 */
import type { StatementKey } from '@attain/engine';
import type { SyncJob } from '../queues/payloads.js';
import { enqueueCompute, enqueueWriteback } from '../queues/queues.js';
import { bulkDealRecords } from '../salesforce/bulk-query.js';
import { describeThrough } from '../salesforce/connection.js';
import { DEFAULT_FIELD_MAPPING, type FieldMapping } from '../salesforce/mapping.js';
import type { DescribedObject } from '../salesforce/mapping-validation.js';
import { type NormalizeContext, normalizeRecord, type RecordError } from '../salesforce/normalize.js';
import { recordNameField } from '../salesforce/record-name.js';
import { buildDealQuery, childSelections } from '../salesforce/soql.js';
import type { DealToStore } from '../store/deal-store.js';
import { type NoticeInput, noticeSource } from '../store/notice-store.js';
import type { SyncRun } from '../store/sync-run-store.js';
import type { ProcessorContext } from './context.js';
import { dealNotices } from './deal-notices.js';
import { type IndexedInputs, statementKeysFor } from './engine-inputs.js';
import { indexingInput, reindexIfStale } from './reindex.js';
import {
  advanceChildCursors,
  followedChildren,
  newestChildStamps,
  parentsToReread,
  probeChildChanges,
  rereadParents,
} from './sync-children.js';
import { syncCurrencies } from './sync-currencies.js';
import { syncDirectory } from './sync-directory.js';
import { syncAssignments, syncQuotas } from './sync-org-inputs.js';
import { readUsers } from './sync-users.js';

type SalesforceRecord = Record<string, unknown>;

export interface SyncOutcome {
  run: SyncRun;
  /** Statement keys queued for compute at the end of the run. */
  queuedKeys: number;
}

async function currentMapping(context: ProcessorContext): Promise<FieldMapping> {
  return (await context.store.mapping.current())?.mapping ?? DEFAULT_FIELD_MAPPING;
}

/** The mapped object's describe (read once per process and ten minutes): its name field and children. */
async function describeMapped(context: ProcessorContext, object: string): Promise<DescribedObject | null> {
  return context.salesforce.memo(`${object}:describe`, () =>
    context.salesforce.call(async (connection) => describeThrough(connection)(object)),
  );
}

interface PageResult {
  done: boolean;
  totalSize: number;
  records: SalesforceRecord[];
  nextRecordsUrl?: string;
}

export async function runSync(
  context: ProcessorContext,
  runId: string,
  job: SyncJob,
  onProgress: (run: SyncRun) => Promise<void> = async () => {},
): Promise<SyncOutcome> {
  const { store, salesforce, logger } = context;
  const run = await store.runs.start(runId, job.kind);
  const seen = new Set<string>();
  try {
    const mapping = await currentMapping(context);
    const users = await readUsers(context, mapping, job.kind === 'full');
    await syncDirectory(context, users.rows);
    const currencies = await syncCurrencies(context);
    // Assignments first: quotas are converted into the currency of each rep's plan. Users unchanged
    // since the last whole read: the assignments and their errors stand.
    const userErrors = users.rows === null ? [] : await syncAssignments(context, mapping, users.rows);
    const inputErrors = [...userErrors, ...(await syncQuotas(context, mapping))];
    if (mapping.assignments && users.rows !== null) await store.errors.clearObject('User');
    if (mapping.quotas.source === 'ForecastingQuota') await store.errors.clearObject('ForecastingQuota');
    await store.errors.record(inputErrors, runId);
    await users.commit();
    await reindexIfStale(context);
    const described = await describeMapped(context, mapping.object);
    const nameField = recordNameField(described) ?? undefined;
    const children = followedChildren(mapping, described);
    const normalizeContext: NormalizeContext = {
      ...(currencies ? { knownCurrencies: currencies.active } : {}),
      ...(nameField === undefined ? {} : { nameField }),
    };
    const input = await indexingInput(context);
    const sinceMs = job.kind === 'incremental' ? await store.cursors.get(mapping.object) : null;
    // Before the deal query: what it reads afterwards carries every child change found here.
    const childChanges =
      sinceMs === null
        ? await newestChildStamps(context, children)
        : await probeChildChanges(context, children, sinceMs);
    const soql = buildDealQuery(
      mapping,
      { ...(sinceMs === null ? {} : { sinceMs }), overlapMs: context.settings.overlapMs },
      nameField,
    );
    const scanAll = job.kind === 'incremental';
    logger.info({ runId, kind: job.kind, sinceMs }, 'sync started');
    const total =
      job.kind === 'full'
        ? (await salesforce.call(async (c) => await c.query(`SELECT COUNT() FROM ${mapping.object}`))).totalSize
        : null;
    if (total !== null && total >= context.settings.bulkQueryThreshold) {
      run.total = total;
      const pages = bulkDealRecords(await salesforce.connection(), mapping, undefined, nameField);
      for (;;) {
        const next = await salesforce.call(() => pages.next());
        if (next.done) break;
        await processPage(context, mapping, normalizeContext, input, next.value, run, seen, DEAL_QUERY);
        await store.runs.update(run);
        await onProgress(run);
      }
    } else {
      let page: PageResult = await salesforce.call(
        async (connection) =>
          (await connection.query<SalesforceRecord>(soql, { autoFetch: false, scanAll })) as PageResult,
      );
      run.total = page.totalSize;
      for (;;) {
        // The next page is fetched while this one is processed: reading and storing overlap.
        const locator = page.done ? undefined : page.nextRecordsUrl;
        const next = locator
          ? salesforce.call(async (connection) => (await connection.queryMore<SalesforceRecord>(locator)) as PageResult)
          : undefined;
        // Handled when awaited below; a failure while this page is processed must not go unhandled meanwhile.
        next?.catch(() => {});
        await processPage(context, mapping, normalizeContext, input, page.records, run, seen, DEAL_QUERY);
        await store.runs.update(run);
        await onProgress(run);
        if (!next) break;
        page = await next;
      }
    }
    const parents = parentsToReread(childChanges, seen);
    if (parents.size > 0) {
      run.total = (run.total ?? 0) + parents.size;
      logger.info({ runId, parents: parents.size }, 'reading deals again for changes to their child rows');
      await rereadParents(context, mapping, nameField, parents, async (records, lagFromMs) => {
        await processPage(context, mapping, normalizeContext, input, records, run, seen, {
          moveCursor: false,
          lagFromMs,
        });
        await store.runs.update(run);
        await onProgress(run);
      });
    }
    await advanceChildCursors(context, childChanges);
    if (job.kind === 'full') {
      const vanished: string[] = [];
      for (const id of await store.deals.allIds()) {
        if (seen.has(id)) continue;
        if (await store.deals.remove(id)) vanished.push(id);
      }
      run.counts.deleted += vanished.length;
      context.metrics.recordsSynced.inc({ object: mapping.object, outcome: 'deleted' }, vanished.length);
      await store.notices.replace(vanished.map((id) => ({ source: noticeSource.deal(id), notices: [] })));
      const gone = (await store.errors.list())
        .filter((error) => error.object === mapping.object && error.recordId !== null && !seen.has(error.recordId))
        .map((error) => error.recordId as string);
      await store.errors.clear(gone);
    }
    // Statements held by a lock in Salesforce are tried again after every sync: unlocked ones get written.
    await store.statements.markPending((await store.held.list()).map((held) => held.key));
    const queuedKeys = await queueDirtyWork(context);
    run.status = 'succeeded';
    run.endedAt = new Date().toISOString();
    await store.runs.update(run);
    recordRunMetrics(context, run);
    await onProgress(run);
    logger.info({ runId, counts: run.counts, queuedKeys }, 'sync finished');
    return { run, queuedKeys };
  } catch (error) {
    run.status = (error as { code?: string }).code === 'API_BUDGET_EXCEEDED' ? 'paused' : 'failed';
    run.message = error instanceof Error ? error.message : String(error);
    run.endedAt = new Date().toISOString();
    await store.runs.update(run);
    recordRunMetrics(context, run);
    // Whatever was stored before the failure is consistent: let its statements be computed anyway.
    await queueDirtyWork(context);
    throw error;
  }
}

function recordRunMetrics(context: ProcessorContext, run: SyncRun): void {
  const labels = { kind: run.kind, outcome: run.status };
  context.metrics.syncRuns.inc(labels);
  if (run.endedAt) {
    context.metrics.syncDuration.observe(labels, (Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000);
  }
}

/**
 * How a page was read. The deal query's pages move the deal cursor; parents read again for a child
 * change must not (they are not in cursor order), and their lag clock starts at the child's change.
 */
interface PageSource {
  moveCursor: boolean;
  lagFromMs?: ReadonlyMap<string, number>;
}
const DEAL_QUERY: PageSource = { moveCursor: true };

async function processPage(
  context: ProcessorContext,
  mapping: FieldMapping,
  normalizeContext: NormalizeContext,
  input: IndexedInputs,
  records: SalesforceRecord[],
  run: SyncRun,
  seen: Set<string>,
  source: PageSource,
): Promise<void> {
  const { store, metrics } = context;
  // Changes an incremental sync brings in start the end-to-end lag clock at their SystemModstamp.
  const lagTracked = run.kind === 'incremental';
  const upserts: DealToStore[] = [];
  const deletions: { id: string; modstampMs: number | null }[] = [];
  const errors: RecordError[] = [];
  const clean: string[] = [];
  let newestMs: number | null = null;
  await completeChildren(context, mapping, records);
  for (const record of records) {
    const result = normalizeRecord(record, mapping, normalizeContext);
    if (result.modstampMs !== null && (newestMs === null || result.modstampMs > newestMs)) newestMs = result.modstampMs;
    run.counts.read += 1;
    if (result.kind === 'deal') {
      seen.add(result.deal.id);
      clean.push(result.deal.id);
      upserts.push({
        deal: result.deal,
        keys: statementKeysFor(input, result.deal),
        modstampMs: result.modstampMs,
        ...(lagTracked ? { lagFromMs: source.lagFromMs?.get(result.deal.id) ?? result.modstampMs } : {}),
        ...(result.name === undefined ? {} : { name: result.name }),
      });
    } else if (result.kind === 'deleted') {
      deletions.push({ id: result.id, modstampMs: result.modstampMs });
    } else {
      // An unprocessable record keeps its last good deal (if any): a later fix in Salesforce syncs normally.
      if (result.error.recordId !== null) seen.add(result.error.recordId);
      errors.push(result.error);
    }
  }
  const outcomes = await store.deals.upsertEach(upserts);
  const counts = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
  const notices: { source: string; notices: NoticeInput[] }[] = [];
  outcomes.forEach((outcome, index) => {
    counts[outcome] += 1;
    // An unchanged deal (same content, same statement keys) has the notices it had; a full resync
    // derives them all again (it is also how notices are rebuilt after Redis lost them).
    if (outcome === 'unchanged' && run.kind !== 'full') return;
    const { deal, keys } = upserts[index]!;
    notices.push({ source: noticeSource.deal(deal.id), notices: dealNotices(mapping.object, deal, keys) });
  });
  for (const { id, modstampMs } of deletions) {
    if (await store.deals.remove(id, lagTracked ? (source.lagFromMs?.get(id) ?? modstampMs) : null))
      counts.deleted += 1;
    notices.push({ source: noticeSource.deal(id), notices: [] });
  }
  await store.notices.replace(notices);
  run.counts.created += counts.created;
  run.counts.updated += counts.updated;
  run.counts.unchanged += counts.unchanged;
  run.counts.deleted += counts.deleted;
  run.counts.errors += errors.length;
  metrics.recordsRead.inc({ object: mapping.object }, records.length);
  for (const [outcome, count] of Object.entries({ ...counts, error: errors.length })) {
    if (count > 0) metrics.recordsSynced.inc({ object: mapping.object, outcome }, count);
  }
  await store.errors.record(errors, run.id);
  await store.errors.clear([...clean, ...deletions.map((deletion) => deletion.id)]);
  if (newestMs !== null && source.moveCursor) await store.cursors.advance(mapping.object, newestMs);
}

/**
 * A parent's child rows come in batches too: past the first (about 200 rows) the subquery result
 * says `done: false` with its own `nextRecordsUrl`. Reads the rest so that no split is lost.
 */
async function completeChildren(context: ProcessorContext, mapping: FieldMapping, records: SalesforceRecord[]) {
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
export async function queueDirtyWork(context: ProcessorContext): Promise<number> {
  const dirty = await context.store.deals.dirtyKeys();
  const keys: StatementKey[] = dirty.map((entry) => entry.key);
  await enqueueCompute(context.queues, keys);
  if ((await context.store.statements.pendingWriteback()).length > 0) {
    await enqueueWriteback(context.queues, 'pending after sync');
  }
  return keys.length;
}

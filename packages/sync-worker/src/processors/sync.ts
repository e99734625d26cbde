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
import {
  ApiBudgetExceededError,
  buildDealQuery,
  bulkDealRecords,
  DEFAULT_FIELD_MAPPING,
  type FieldMapping,
} from '@attain/salesforce';
import type { SyncJob, SyncRun } from '@attain/store';
import { noticeSource } from '@attain/store';
import type { ProcessorContext } from './context.js';
import {
  completeChildren,
  type IngestSetup,
  ingestRecords,
  ingestSetup,
  type PageResult,
  queueDirtyWork,
  type SalesforceRecord,
} from './ingest.js';
import { reindexIfStale } from './reindex.js';
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

export { queueDirtyWork } from './ingest.js';

export interface SyncOutcome {
  run: SyncRun;
  /** Statement keys queued for compute at the end of the run. */
  queuedKeys: number;
}

export async function currentMapping(context: ProcessorContext): Promise<FieldMapping> {
  return (await context.store.mapping.current())?.mapping ?? DEFAULT_FIELD_MAPPING;
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
    const setup = await ingestSetup(context, mapping, currencies);
    const nameField = setup.normalizeContext.nameField;
    const children = followedChildren(mapping, setup.described);
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
        await processPage(context, setup, next.value, run, seen, DEAL_QUERY);
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
        await processPage(context, setup, page.records, run, seen, DEAL_QUERY);
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
        await processPage(context, setup, records, run, seen, {
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
    run.status = error instanceof ApiBudgetExceededError ? 'paused' : 'failed';
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

/** One page of a sync through the ingest path; the run's counts and the cursor move with it. */
async function processPage(
  context: ProcessorContext,
  setup: IngestSetup,
  records: SalesforceRecord[],
  run: SyncRun,
  seen: Set<string>,
  source: PageSource,
): Promise<void> {
  await completeChildren(context, setup.mapping, records);
  const result = await ingestRecords(context, setup, records, {
    source: run.id,
    // Changes an incremental sync brings in start the end-to-end lag clock at their SystemModstamp
    // (or, for a parent read again, at its child's change).
    lagTracked: run.kind === 'incremental',
    ...(source.lagFromMs ? { lagFromMs: source.lagFromMs } : {}),
    // A full resync derives every deal's notices again (it is also how notices are rebuilt after Redis lost them).
    renewUnchangedNotices: run.kind === 'full',
  });
  for (const id of result.seen) seen.add(id);
  run.counts.read += result.read;
  run.counts.created += result.counts.created;
  run.counts.updated += result.counts.updated;
  run.counts.unchanged += result.counts.unchanged;
  run.counts.deleted += result.counts.deleted;
  run.counts.errors += result.errors.length;
  if (result.newestMs !== null && source.moveCursor) {
    await context.store.cursors.advance(setup.mapping.object, result.newestMs);
  }
}

/**
 * The retry job (`POST /api/ops/errors/retry` queues it and waits for its result):
 *
 * - a record Salesforce refused at write-back (`C|…`, `S|…`): its refusal is forgotten and its
 *   statement put up for write-back again, so the next pass sends it (once more);
 * - a record of the mapped object the sync could not turn into a deal: read again by id now and
 *   ingested exactly as a sync ingests it (`ingest.ts`: record name, currency check, statement
 *   keys, upsert, notices, error kept or cleared; the cursor is not touched); a record Salesforce no
 *   longer returns is removed;
 * - errors of the rows read whole on every sync (User plan fields, ForecastingQuota): an incremental
 *   sync is queued, which reads them again.
 */
import type { StatementKey } from '@attain/engine';
import { ApiBudgetExceededError, childSubqueries, selectedFields, soqlString } from '@attain/salesforce';
import type { RetryJob, RetryJobResult, RetryOutcome } from '@attain/store';
import { enqueueSync, enqueueWriteback } from '@attain/store';
import type { ProcessorContext } from './context.js';
import {
  completeChildren,
  type IngestSetup,
  ingestRecords,
  ingestSetup,
  queueDirtyWork,
  type SalesforceRecord,
} from './ingest.js';
import { reindexIfStale } from './reindex.js';
import { currentMapping } from './sync.js';
import { syncCurrencies } from './sync-currencies.js';

/** Ids per query: a SOQL `IN` list of 200 ids stays far below the query length limit. */
const IDS_PER_QUERY = 200;

/** `C|005…|plan|2026-Q1|006…|…` or `S|005…|plan|2026-Q1` (a ledger key) → its statement key. */
function statementKeyOfLedger(ledgerKey: string): StatementKey | null {
  const [rep, , period] = ledgerKey.slice(2).split('|');
  return rep && period ? { repId: rep, period } : null;
}

/** Salesforce did not answer: said as the API says it (its error code, when it gave one). */
function unavailable(error: unknown): RetryJobResult {
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  const detail = typeof code === 'string' && /^[A-Z_]+$/.test(code) ? ` (${code})` : '';
  return { salesforceUnavailable: { message: `Salesforce did not answer the request${detail}` } };
}

export async function runRetry(context: ProcessorContext, job: RetryJob): Promise<RetryJobResult> {
  const { store } = context;
  const source = `retry:${job.requestedBy}`;
  const outcome: RetryOutcome = { fixed: [], failing: [], queuedForWriteback: [], queuedForSync: [], unknown: [] };

  if (job.writeErrorKeys.length > 0) {
    const current = new Set((await store.writeErrors.list()).map((error) => error.ledgerKey));
    const keys: StatementKey[] = [];
    for (const ledgerKey of job.writeErrorKeys) {
      const key = current.has(ledgerKey) ? statementKeyOfLedger(ledgerKey) : null;
      if (!key) outcome.unknown.push(ledgerKey);
      else {
        keys.push(key);
        outcome.queuedForWriteback.push(ledgerKey);
      }
    }
    await store.writeErrors.clear(outcome.queuedForWriteback);
    await store.statements.markPending(keys);
    if (keys.length > 0) await enqueueWriteback(context.queues, `retry by ${job.requestedBy}`);
  }

  if (job.recordIds.length > 0) {
    const mapping = await currentMapping(context);
    const errors = new Map((await store.errors.list()).map((error) => [error.recordId ?? '', error]));
    const reread: string[] = [];
    for (const id of job.recordIds) {
      const error = errors.get(id);
      if (!error) outcome.unknown.push(id);
      else if (error.object === mapping.object) reread.push(id);
      else outcome.queuedForSync.push(id);
    }
    if (outcome.queuedForSync.length > 0) await enqueueSync(context.queues, 'incremental', source);
    if (reread.length > 0) {
      let setup: IngestSetup;
      let records: SalesforceRecord[];
      try {
        // As a sync prepares its pages: the org's currencies (the currency check), inputs re-indexed if
        // they moved, the record name field; then the records, with every child row.
        const currencies = await syncCurrencies(context);
        await reindexIfStale(context);
        setup = await ingestSetup(context, mapping, currencies);
        records = await readByIds(context, setup, reread);
        await completeChildren(context, mapping, records);
      } catch (error) {
        if (error instanceof ApiBudgetExceededError) throw error;
        context.logger.warn({ err: error }, 'retry: Salesforce did not answer');
        return unavailable(error);
      }
      const result = await ingestRecords(context, setup, records, {
        source,
        lagTracked: false,
        renewUnchangedNotices: true,
        // Asked for but not returned: deleted in Salesforce since.
        askedFor: reread,
      });
      outcome.fixed.push(...result.stored, ...result.removed);
      outcome.failing.push(...result.errors);
      await queueDirtyWork(context, `retry by ${job.requestedBy}`);
    }
  }
  return { outcome };
}

/** The mapped object's records by id, selected as a sync selects them (record name included). */
async function readByIds(context: ProcessorContext, setup: IngestSetup, ids: string[]): Promise<SalesforceRecord[]> {
  const { mapping } = setup;
  const select = [...selectedFields(mapping, setup.normalizeContext.nameField), ...childSubqueries(mapping)].join(', ');
  const out: SalesforceRecord[] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const list = ids
      .slice(start, start + IDS_PER_QUERY)
      .map(soqlString)
      .join(', ');
    const soql = `SELECT ${select} FROM ${mapping.object} WHERE ${mapping.id} IN (${list})`;
    const page = await context.salesforce.call(
      async (connection) => await connection.query<SalesforceRecord>(soql, { autoFetch: true }),
    );
    out.push(...page.records);
  }
  return out;
}

/**
 * Ops retrying record-level errors.
 *
 * - A record Salesforce refused at write-back (`C|…`, `S|…`): its refusal is forgotten and its
 *   statement put up for write-back again, so the next pass sends it (once more).
 * - A record the sync could not turn into a deal: records of the mapped object are read again by id
 *   now and stored like a sync stores them (normalize, idempotent upsert, notices, error kept or
 *   cleared; the cursor is not touched); a record that no longer exists is removed. Errors of the
 *   rows read whole on every sync (User plan fields, ForecastingQuota) are retried by queueing an
 *   incremental sync.
 */
import type { StatementKey } from '@attain/engine';
import { statementKeysOf } from '@attain/engine';
import { DEFAULT_FIELD_MAPPING, type FieldMapping, normalizeRecord, type RecordError } from '@attain/salesforce';
import type { AttainQueues, InputsView, Store } from '@attain/store';
import { dealNotices, enqueueCompute, enqueueSync, enqueueWriteback, noticeSource } from '@attain/store';
import type { OrgAccess } from './org-access.js';

export interface RetryDeps {
  store: Store;
  queues: AttainQueues;
  org: OrgAccess;
  clock: () => Date;
}

export interface RetryOutcome {
  /** Synced cleanly now (or removed because Salesforce no longer has them). */
  fixed: string[];
  /** Still failing: the error as it is now. */
  failing: RecordError[];
  /** Put up for the next write-back pass. */
  queuedForWriteback: string[];
  /** Will be read again by the queued incremental sync. */
  queuedForSync: string[];
  /** Not a current error. */
  unknown: string[];
}

/** `005…|plan|2026-Q1|006…|…` (a commission or statement external key) → its statement key. */
function statementKeyOfLedger(ledgerKey: string): StatementKey | null {
  const [rep, , period] = ledgerKey.slice(2).split('|');
  return rep && period ? { repId: rep, period } : null;
}

export async function retryErrors(
  deps: RetryDeps,
  inputs: InputsView,
  requestedBy: string,
  request: { recordIds: string[]; writeErrorKeys: string[] },
): Promise<RetryOutcome> {
  const outcome: RetryOutcome = { fixed: [], failing: [], queuedForWriteback: [], queuedForSync: [], unknown: [] };
  const { store } = deps;

  if (request.writeErrorKeys.length > 0) {
    const current = new Set((await store.writeErrors.list()).map((error) => error.ledgerKey));
    const keys: StatementKey[] = [];
    for (const ledgerKey of request.writeErrorKeys) {
      const key = current.has(ledgerKey) ? statementKeyOfLedger(ledgerKey) : null;
      if (!key) outcome.unknown.push(ledgerKey);
      else {
        keys.push(key);
        outcome.queuedForWriteback.push(ledgerKey);
      }
    }
    await store.writeErrors.clear(outcome.queuedForWriteback);
    await store.statements.markPending(keys);
    if (keys.length > 0) await enqueueWriteback(deps.queues, `retry by ${requestedBy}`);
  }

  if (request.recordIds.length > 0) {
    const mapping = (await store.mapping.current())?.mapping ?? DEFAULT_FIELD_MAPPING;
    const errors = new Map((await store.errors.list()).map((error) => [error.recordId ?? '', error]));
    const reread: string[] = [];
    for (const id of request.recordIds) {
      const error = errors.get(id);
      if (!error) outcome.unknown.push(id);
      else if (error.object === mapping.object) reread.push(id);
      else outcome.queuedForSync.push(id);
    }
    if (outcome.queuedForSync.length > 0)
      await enqueueSync(deps.queues, 'incremental', `retry:${requestedBy}`, deps.clock());
    if (reread.length > 0) await rereadRecords(deps, inputs, mapping, reread, requestedBy, outcome);
  }
  return outcome;
}

async function rereadRecords(
  deps: RetryDeps,
  inputs: InputsView,
  mapping: FieldMapping,
  ids: string[],
  requestedBy: string,
  outcome: RetryOutcome,
): Promise<void> {
  const { store } = deps;
  const input = inputs.indexingInput();
  const records = await deps.org.byIds(mapping, ids);
  const returned = new Set<string>();
  const stillFailing: RecordError[] = [];
  const notices: Parameters<Store['notices']['replace']>[0] = [];
  for (const record of records) {
    const result = normalizeRecord(record, mapping);
    if (result.kind === 'deal') {
      returned.add(result.deal.id);
      const keys = statementKeysOf(input, result.deal);
      await store.deals.upsert({ deal: result.deal, keys, modstampMs: result.modstampMs });
      notices.push({
        source: noticeSource.deal(result.deal.id),
        notices: dealNotices(mapping.object, result.deal, keys),
      });
      outcome.fixed.push(result.deal.id);
    } else if (result.kind === 'error') {
      if (result.error.recordId !== null) returned.add(result.error.recordId);
      stillFailing.push(result.error);
    }
  }
  // Asked for but not returned: deleted in Salesforce since.
  for (const id of ids) {
    if (returned.has(id)) continue;
    await store.deals.remove(id);
    notices.push({ source: noticeSource.deal(id), notices: [] });
    outcome.fixed.push(id);
  }
  await store.notices.replace(notices);
  await store.errors.record(stillFailing, `retry:${requestedBy}`, deps.clock());
  await store.errors.clear(outcome.fixed);
  outcome.failing.push(...stillFailing);
  await enqueueCompute(
    deps.queues,
    (await store.deals.dirtyKeys()).map((dirty) => dirty.key),
  );
  if ((await store.statements.pendingCount()) > 0) await enqueueWriteback(deps.queues, `retry by ${requestedBy}`);
}

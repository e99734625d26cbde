/**
 * Every Redis key the worker's store uses, in one place (the README's "Redis key layout" mirrors
 * this file). All keys live under `<namespace>:` (default `attain:`); BullMQ's own keys live under
 * `{<namespace>}:<queue>:…` (see `queues/names.ts`), so one Redis can hold both without overlap.
 *
 * Statement keys are written `<repId>|<period>`: Salesforce ids and period ids never contain `|`.
 */
import type { StatementKey } from '@attain/engine';

export const DEFAULT_NAMESPACE = 'attain';

/** `005A|2026-Q1`: the text form of a (rep, period) statement key. */
export function statementKeyText(key: StatementKey): string {
  return `${key.repId}|${key.period}`;
}

export function parseStatementKeyText(text: string): StatementKey {
  const bar = text.indexOf('|');
  if (bar <= 0 || bar === text.length - 1) throw new Error(`not a statement key: ${text}`);
  return { repId: text.slice(0, bar), period: text.slice(bar + 1) };
}

export type RedisKeys = ReturnType<typeof redisKeys>;

export function redisKeys(namespace: string = DEFAULT_NAMESPACE) {
  const p = `${namespace}:`;
  return {
    prefix: p,
    // ── field mapping ──────────────────────────────────────────────────────────────────────────
    /** list: every mapping version as JSON `{ mapping, author, createdAt }`; version n is index n−1. */
    mappingVersions: `${p}mapping:versions`,

    // ── plans, assignments, quotas, settings ──────────────────────────────────────────────────
    /** hash: planId → plan JSON (validated by the engine before it is written). */
    plans: `${p}plans`,
    /** string: JSON Assignment[] (the whole admin import; replaced as a whole). */
    assignments: `${p}assignments`,
    /** hash: `<repId>|<period>` → quota amount (decimal text). */
    quotas: `${p}quotas`,
    /** hash: `corporateCurrency`, … — org-level facts the engine input needs. */
    settings: `${p}settings`,
    /** string: JSON ExchangeRate[] (from DatedConversionRate). */
    exchangeRates: `${p}rates`,
    /** string: counter bumped whenever plans, assignments, quotas or rates change: every statement is stale. */
    inputsGeneration: `${p}inputs:generation`,
    /** string: the inputs generation the deal index was last rebuilt for (behind = statement keys may be stale). */
    indexedGeneration: `${p}deals:indexed-generation`,

    // ── deals ──────────────────────────────────────────────────────────────────────────────────
    /** hash per deal: `json` (engine Deal), `keys` (its statement keys, `\n`-joined), `hash`, `modstamp`. */
    deal: (dealId: string) => `${p}deal:${dealId}`,
    /** set: every deal id in the store. */
    dealIds: `${p}deals`,
    /** set per statement key: the ids of the deals that touch it. */
    dealsByKey: (key: string) => `${p}deals:by-key:${key}`,
    /** hash: statement key → generation; present = the statement must be recomputed. */
    dirty: `${p}dirty`,

    // ── statements and write-back ──────────────────────────────────────────────────────────────
    /** string per statement key: JSON `{ statements, warnings, computedAt, generation }`. */
    statements: (key: string) => `${p}statements:${key}`,
    /** set: statement keys that have stored statements. */
    statementKeys: `${p}statements`,
    /** hash per statement key: External_Key__c → `<content hash> <Salesforce id>` of what was last written. */
    written: (key: string) => `${p}written:${key}`,
    /** hash: `C|<external key>` / `S|…` → JSON WriteError of a record Salesforce refused (not retried while unchanged). */
    writeErrors: `${p}writeback:errors`,
    /** hash: statement key → generation; present = the key's records must be written back. */
    writebackPending: `${p}writeback:pending`,
    /**
     * hash: statement key → epoch ms of the oldest SystemModstamp (seen by an incremental sync) whose
     * change is not written back yet; popped when the key is written back (the end-to-end lag metric).
     */
    writebackLag: `${p}writeback:lag`,
    /** hash: statement key → JSON external keys of its statements that are Locked in Salesforce (write-back held). */
    writebackHeld: `${p}writeback:held`,
    /** string: JSON sorted ids of the active users the commission records' owners were last planned with. */
    writebackOwners: `${p}writeback:owners`,

    // ── sync ───────────────────────────────────────────────────────────────────────────────────
    /** hash: object name → epoch ms of the newest SystemModstamp processed (the deal object and each followed child). */
    cursors: `${p}sync:cursors`,
    /**
     * hash per followed child object: row id → epoch ms of the SystemModstamp it was processed at,
     * for the rows in the overlap window behind its cursor (re-read by every probe: not followed twice).
     */
    cursorRecent: (object: string) => `${p}sync:cursor-recent:${object}`,
    /**
     * hash: object → what its last whole read was interpreted with (for `User`: the assignments
     * mapping and the plan ids); a change means the next sync reads it whole again.
     */
    cursorBasis: `${p}sync:cursor-basis`,
    /** string per run: JSON SyncRun. */
    syncRun: (runId: string) => `${p}sync:run:${runId}`,
    /** sorted set: run id scored by its start time (ms); trimmed to the newest runs. */
    syncRuns: `${p}sync:runs`,
    /** hash: record id → JSON SyncError (the latest problem of that record; removed when it syncs). */
    syncErrors: `${p}sync:errors`,
    /** string: JSON of why the worker stopped spending API calls, with its TTL = until when. */
    apiPause: `${p}sync:api-pause`,
    /** hash: notice id → JSON Notice (NO_PLAN, NO_RATE, NEGATIVE_AMOUNT, STATEMENT_LOCKED) for ops. */
    notices: `${p}sync:notices`,
    /** hash: notice source (`deal:<id>`, `key:<rep>|<period>`, `lock:<statement key>`) → its notice ids, `\n`-joined. */
    noticesBySource: `${p}sync:notices:by-source`,
    /** string: JSON `{ used, limit, at }`: the org's daily API usage the worker last saw. */
    apiUsage: `${p}sync:api-usage`,

    // ── directory, disputes, audit and the HTTP API (packages/api/README.md) ──────────────────
    /** string: JSON Directory (users with ManagerId, Attain permission sets), synced from Salesforce. */
    directory: `${p}directory`,
    /** string: content hash of `directory`; the API reloads its copy when it changes. */
    directoryHash: `${p}directory:hash`,
    /** set per rep: the periods that rep has statements for (kept with `statements`). */
    repPeriods: (repId: string) => `${p}rep-periods:${repId}`,
    /** string: set once every `repPeriods` set has been built from `statementKeys`. */
    repPeriodsBuilt: `${p}rep-periods:built`,
    /** hash: dispute id → JSON Dispute. */
    disputes: `${p}disputes`,
    /** set per rep: the ids of that rep's disputes. */
    disputesByRep: (repId: string) => `${p}disputes:by-rep:${repId}`,
    /** set: ids of the disputes still open. */
    openDisputes: `${p}disputes:open`,
    /** stream: the audit log, one entry per change (who, when, what, before, after). */
    audit: `${p}audit`,
    /** string per user and minute (TTL): requests counted by the API's rate limit. */
    rateLimit: (userId: string, window: number) => `${p}api:rate:${userId}:${window}`,
    /** string (TTL 60 s): a one-time ticket that opens a queue-dashboard session. */
    boardTicket: (hash: string) => `${p}api:board-ticket:${hash}`,
    /** string (TTL): a queue-dashboard session → the user id it belongs to. */
    boardSession: (hash: string) => `${p}api:board-session:${hash}`,
  } as const;
}

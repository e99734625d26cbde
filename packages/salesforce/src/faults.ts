/**
 * What a Salesforce failure means for the worker: retry later (transient), stop spending API calls
 * (limits), or give up on one record (unprocessable). jsforce retries idempotent GETs itself; it
 * never retries POST/PATCH/DELETE, so write-back leans on these rules and BullMQ's backoff.
 */

/** Record-level status codes that succeed when tried again later. */
export const TRANSIENT_STATUS_CODES: ReadonlySet<string> = new Set([
  'UNABLE_TO_LOCK_ROW',
  'SERVER_UNAVAILABLE',
  'REQUEST_RUNNING_TOO_LONG',
  'QUERY_TIMEOUT',
  'TOO_MANY_APEX_REQUESTS',
]);

/** Socket-level failures that a later attempt may not meet. */
const TRANSIENT_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function field(error: unknown, name: string): unknown {
  return error && typeof error === 'object' ? (error as Record<string, unknown>)[name] : undefined;
}

export function errorCodeOf(error: unknown): string | undefined {
  const code = field(error, 'errorCode') ?? field(error, 'code') ?? field(error, 'name');
  return typeof code === 'string' ? code : undefined;
}

/** The org's daily API limit is spent (HTTP 403 REQUEST_LIMIT_EXCEEDED). */
export function isRequestLimitError(error: unknown): boolean {
  return errorCodeOf(error) === 'REQUEST_LIMIT_EXCEEDED';
}

/** A failure worth retrying with backoff: 5xx, timeouts, dropped sockets, row locks. */
export function isTransientError(error: unknown): boolean {
  const code = errorCodeOf(error);
  if (code === undefined) return false;
  if (TRANSIENT_STATUS_CODES.has(code) || TRANSIENT_NETWORK_CODES.has(code)) return true;
  // jsforce names bodiless HTTP failures ERROR_HTTP_<status>.
  const http = /^ERROR_HTTP_(\d{3})$/.exec(code);
  return http !== null && (Number(http[1]) >= 500 || http[1] === '408' || http[1] === '429');
}

/** Thrown when the worker must stop spending API calls: the work stays queued until `resumeAt`. */
export class ApiBudgetExceededError extends Error {
  readonly code = 'API_BUDGET_EXCEEDED';
  constructor(
    message: string,
    /** Epoch ms after which calls may be tried again. */
    readonly resumeAt: number,
  ) {
    super(message);
    this.name = 'ApiBudgetExceededError';
  }
}

/** How long to hold off after the limit or the budget is hit: Salesforce's limit is a rolling 24 h. */
export const API_PAUSE_MS = 15 * 60 * 1000;

export interface ApiUsage {
  used: number;
  limit: number;
}

/**
 * Throws when `usage` (from the last response's `Sforce-Limit-Info: api-usage=used/limit`) is at or
 * above `fraction` of the limit. Counts of requests, compared in integers: used × 10⁶ ≥ ⌊fraction × 10⁶⌋ × limit.
 */
export function checkApiBudget(
  usage: ApiUsage | undefined,
  fraction: number,
  now: number = Date.now(),
  pauseMs: number = API_PAUSE_MS,
): void {
  if (!usage || usage.limit <= 0) return;
  const parts = 1_000_000;
  if (usage.used * parts >= Math.round(fraction * parts) * usage.limit) {
    throw new ApiBudgetExceededError(
      `API usage ${usage.used}/${usage.limit} is at or above the budget of ${fraction * 100}% of the daily limit`,
      now + pauseMs,
    );
  }
}

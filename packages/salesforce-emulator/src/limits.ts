/**
 * The org's API limits, kept like a real org keeps them:
 * - DailyApiRequests: every REST/Bulk API request counts (OAuth, identity and the emulator's own
 *   admin endpoints do not); the count is reported in `Sforce-Limit-Info: api-usage=N/MAX` and,
 *   once spent, requests are refused with 403 REQUEST_LIMIT_EXCEEDED. The window is a rolling day
 *   from the first request, reset by the admin endpoint too.
 * - Concurrent long-running requests: when `maxLongRunning` requests have each been running longer
 *   than `longRunningMs` (25 and 20 s in Salesforce), new requests are refused with
 *   "ConcurrentPerOrgLongTxn Limit exceeded." until some finish.
 * - Counters for the other entries of `/limits` (Bulk 2.0 query jobs, bulk batches) that the Bulk
 *   routes consume, and the change events delivered to streaming clients (DailyDeliveredPlatformEvents).
 */

export interface LimitSettings {
  dailyApiLimit: number;
  longRunningMs: number;
  maxLongRunning: number;
}

export const DEFAULT_LIMITS: LimitSettings = {
  dailyApiLimit: 100_000,
  longRunningMs: 20_000,
  maxLongRunning: 25,
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Named daily counters shown by `GET /limits` besides DailyApiRequests, with their org maximum. */
const COUNTED_LIMITS = {
  DailyBulkApiBatches: 15_000,
  /** High-volume platform and change events delivered to CometD clients (Unlimited Edition's 50,000). */
  DailyDeliveredPlatformEvents: 50_000,
  DailyBulkV2QueryJobs: 10_000,
  DailyBulkV2QueryFileStorageMB: 976_562,
  DailyAsyncApexExecutions: 250_000,
} as const;
export type CountedLimit = keyof typeof COUNTED_LIMITS;

/** Entries reported as-is (the emulator does not model their use). */
const STATIC_LIMITS: Record<string, number> = {
  ConcurrentAsyncGetReportInstances: 200,
  ConcurrentSyncReportRuns: 20,
  DailyApiRequests: 0,
  DailyDurableGenericStreamingApiEvents: 10_000,
  DailyDurableStreamingApiEvents: 10_000,
  DailyGenericStreamingApiEvents: 10_000,
  DailyStandardVolumePlatformEvents: 10_000,
  DailyStreamingApiEvents: 10_000,
  DailyWorkflowEmails: 2_000,
  DataStorageMB: 1_024,
  FileStorageMB: 1_024,
  HourlyAsyncReportRuns: 1_200,
  HourlyDashboardRefreshes: 200,
  HourlyDashboardResults: 5_000,
  HourlyDashboardStatuses: 999_999_999,
  HourlyODataCallout: 10_000,
  HourlySyncReportRuns: 500,
  HourlyTimeBasedWorkflow: 1_000,
  MassEmail: 5_000,
  MonthlyPlatformEventsUsageEntitlement: 0,
  SingleEmail: 5_000,
  StreamingApiConcurrentClients: 2_000,
};

export type LimitRejection = { message: string; errorCode: 'REQUEST_LIMIT_EXCEEDED' };

export class Limits {
  private settings: LimitSettings;
  private readonly initial: LimitSettings;
  private used = 0;
  private windowStart: number | undefined;
  private readonly counters = new Map<CountedLimit, number>();
  private readonly running = new Map<number, number>();
  private nextTicket = 1;

  constructor(
    settings: Partial<LimitSettings> = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.initial = { ...DEFAULT_LIMITS, ...settings };
    this.settings = { ...this.initial };
  }

  get dailyApiLimit(): number {
    return this.settings.dailyApiLimit;
  }

  get apiUsed(): number {
    this.rollWindow();
    return this.used;
  }

  current(): LimitSettings & { used: number } {
    return { ...this.settings, used: this.apiUsed };
  }

  /** Admin: change limits and optionally the usage so far (e.g. to put the org one call from its limit). */
  configure(update: Partial<LimitSettings> & { used?: number }): void {
    const { used, ...settings } = update;
    this.settings = { ...this.settings, ...settings };
    if (used !== undefined) {
      this.used = used;
      this.windowStart = this.now().getTime();
    }
  }

  /** Back to the limits the emulator started with, nothing used. */
  reset(): void {
    this.settings = { ...this.initial };
    this.used = 0;
    this.windowStart = undefined;
    this.counters.clear();
  }

  /**
   * Counts one API request; returns the rejection if the org has no requests left (a refused
   * request is not counted, as in Salesforce) or too many long-running requests are in flight.
   */
  admit(): LimitRejection | undefined {
    this.rollWindow();
    if (this.used >= this.settings.dailyApiLimit) {
      return { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' };
    }
    if (this.longRunningCount() >= this.settings.maxLongRunning) {
      return { message: 'ConcurrentPerOrgLongTxn Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' };
    }
    this.windowStart ??= this.now().getTime();
    this.used++;
    return undefined;
  }

  /** `api-usage=N/MAX`, the value of the `Sforce-Limit-Info` header. */
  header(): string {
    return `api-usage=${this.apiUsed}/${this.settings.dailyApiLimit}`;
  }

  /** Marks a request as running; call the returned function when it has been answered. */
  track(): () => void {
    const ticket = this.nextTicket++;
    this.running.set(ticket, Date.now());
    return () => {
      this.running.delete(ticket);
    };
  }

  /** Requests in flight for longer than the long-running threshold. */
  longRunningCount(): number {
    const threshold = Date.now() - this.settings.longRunningMs;
    let count = 0;
    for (const started of this.running.values()) if (started <= threshold) count++;
    return count;
  }

  /** Uses one unit of a daily counter; false when it is spent. */
  consume(limit: CountedLimit, amount = 1): boolean {
    this.rollWindow();
    const used = this.counters.get(limit) ?? 0;
    if (used + amount > COUNTED_LIMITS[limit]) return false;
    this.counters.set(limit, used + amount);
    return true;
  }

  /** What is left of a daily counter. */
  remaining(limit: CountedLimit): number {
    this.rollWindow();
    return COUNTED_LIMITS[limit] - (this.counters.get(limit) ?? 0);
  }

  /** The body of `GET /services/data/vXX.X/limits`. */
  report(): Record<string, { Max: number; Remaining: number }> {
    const result: Record<string, { Max: number; Remaining: number }> = {};
    for (const [name, max] of Object.entries(STATIC_LIMITS)) result[name] = { Max: max, Remaining: max };
    for (const [name, max] of Object.entries(COUNTED_LIMITS) as [CountedLimit, number][]) {
      result[name] = { Max: max, Remaining: max - (this.counters.get(name) ?? 0) };
    }
    const max = this.settings.dailyApiLimit;
    result.DailyApiRequests = { Max: max, Remaining: Math.max(max - this.apiUsed, 0) };
    return Object.fromEntries(Object.entries(result).sort(([a], [b]) => a.localeCompare(b)));
  }

  private rollWindow(): void {
    if (this.windowStart !== undefined && this.now().getTime() - this.windowStart >= DAY_MS) {
      this.used = 0;
      this.windowStart = undefined;
      this.counters.clear();
    }
  }
}

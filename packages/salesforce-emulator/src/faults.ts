/**
 * Injected failures, for testing how clients survive a bad day at Salesforce:
 * - `latencyMs`: every API request waits this long before it is handled.
 * - `failureRate` (0..1) with `failureMode`: that share of API requests fails. '503' answers
 *   `503 Service Unavailable` (any request); 'UNABLE_TO_LOCK_ROW' fails writes the way Salesforce
 *   does under record-lock contention (reads are unaffected); 'mixed' picks one of the two for each
 *   failing write and 503 for failing reads. For sObject Collections and Bulk ingest the lock error is
 *   per record (`shouldFailRecord`), not per request.
 * - `paused`: the org stops answering: API requests are held (not failed) until unpaused, which
 *   is what a hung connection looks like to a client (its timeouts fire; the write may still land).
 *
 * Draws come from a seeded generator, so a test that sets `{ seed, failureRate }` sees the same
 * failures on every run for the same sequence of requests.
 */

export const FailureMode = { unavailable: '503', lockRow: 'UNABLE_TO_LOCK_ROW', mixed: 'mixed' } as const;
export type FailureMode = (typeof FailureMode)[keyof typeof FailureMode];

export interface FaultSettings {
  latencyMs: number;
  failureRate: number;
  failureMode: FailureMode;
  paused: boolean;
  /** Seed of the failure draws; setting it (again) restarts the sequence. */
  seed: number;
}

export const DEFAULT_FAULTS: FaultSettings = {
  latencyMs: 0,
  failureRate: 0,
  failureMode: FailureMode.unavailable,
  paused: false,
  seed: 1,
};

/** What a request should suffer: nothing, a 503, or Salesforce's lock error. */
export type RequestFault = 'none' | '503' | 'UNABLE_TO_LOCK_ROW';

export class FaultSettingsError extends Error {
  constructor(
    readonly code: 'INVALID_FAULT_SETTINGS',
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export class Faults {
  private current: FaultSettings;
  private random: () => number;
  private readonly waiters: (() => void)[] = [];
  private injected = { unavailable: 0, lockRow: 0 };

  constructor(settings: Partial<FaultSettings> = {}) {
    this.current = validate({ ...DEFAULT_FAULTS, ...settings });
    this.random = mulberry32(this.current.seed);
  }

  get settings(): FaultSettings {
    return { ...this.current };
  }

  /** Counts of injected failures since the last reset. */
  get injectedCounts(): { unavailable: number; lockRow: number } {
    return { ...this.injected };
  }

  update(partial: Partial<FaultSettings>): FaultSettings {
    const next = validate({ ...this.current, ...partial });
    const reseed = partial.seed !== undefined || partial.failureRate !== undefined || partial.failureMode !== undefined;
    this.current = next;
    if (reseed) this.random = mulberry32(next.seed);
    if (!next.paused) this.releaseWaiters();
    return this.settings;
  }

  reset(): void {
    this.current = { ...DEFAULT_FAULTS };
    this.random = mulberry32(this.current.seed);
    this.injected = { unavailable: 0, lockRow: 0 };
    this.releaseWaiters();
  }

  /** Resolves after the configured latency and once the org is not paused. */
  async delay(): Promise<void> {
    if (this.current.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.current.latencyMs));
    while (this.current.paused) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /**
   * The fault for one API request. `perRecordLocks`: the route reports lock errors per record
   * itself (collections, bulk ingest), so only 503 applies at request level.
   */
  requestFault(isWrite: boolean, perRecordLocks = false): RequestFault {
    const { failureRate, failureMode } = this.current;
    if (failureRate <= 0) return 'none';
    if (failureMode === FailureMode.lockRow && (!isWrite || perRecordLocks)) return 'none';
    if (this.random() >= failureRate) return 'none';
    let fault: RequestFault = '503';
    if (isWrite && !perRecordLocks && failureMode === FailureMode.lockRow) fault = 'UNABLE_TO_LOCK_ROW';
    if (isWrite && !perRecordLocks && failureMode === FailureMode.mixed && this.random() < 0.5) {
      fault = 'UNABLE_TO_LOCK_ROW';
    }
    if (fault === '503') this.injected.unavailable++;
    else this.injected.lockRow++;
    return fault;
  }

  /** For routes writing many records in one request: should this record fail with UNABLE_TO_LOCK_ROW? */
  shouldFailRecord(): boolean {
    const { failureRate, failureMode } = this.current;
    if (failureRate <= 0 || failureMode === FailureMode.unavailable) return false;
    const fail = this.random() < failureRate;
    if (fail) this.injected.lockRow++;
    return fail;
  }

  private releaseWaiters(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

function validate(settings: FaultSettings): FaultSettings {
  const check = (ok: boolean, path: string, message: string) => {
    if (!ok) throw new FaultSettingsError('INVALID_FAULT_SETTINGS', path, message);
  };
  check(Number.isFinite(settings.latencyMs) && settings.latencyMs >= 0, 'latencyMs', 'latencyMs must be a number ≥ 0');
  check(
    Number.isFinite(settings.failureRate) && settings.failureRate >= 0 && settings.failureRate <= 1,
    'failureRate',
    'failureRate must be a number between 0 and 1',
  );
  check(
    (Object.values(FailureMode) as string[]).includes(settings.failureMode),
    'failureMode',
    `failureMode must be one of ${Object.values(FailureMode).join(', ')}`,
  );
  check(typeof settings.paused === 'boolean', 'paused', 'paused must be true or false');
  check(Number.isInteger(settings.seed), 'seed', 'seed must be an integer');
  return { ...settings };
}

/** A small, fast, seedable PRNG (Mulberry32): deterministic failure draws. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

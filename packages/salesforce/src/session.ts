/**
 * One authorized Salesforce connection per worker process, opened on first use and shared by its
 * jobs; if opening fails the next job tries again. Also the place that watches the API budget.
 */
import type { Connection } from 'jsforce';
import { connectSalesforce, type SalesforceConnectionOptions } from './connection.js';
import { API_PAUSE_MS, ApiBudgetExceededError, type ApiUsage, checkApiBudget, isRequestLimitError } from './faults.js';

/** Told the org's API usage after every call (metrics). */
export type ApiUsageListener = (usage: ApiUsage | undefined) => void;

/** How long facts read once per process (the describe of the commission objects) are trusted. */
const MEMO_TTL_MS = 10 * 60 * 1000;

export class SalesforceSession {
  private pending: Promise<Connection> | undefined;

  constructor(
    private readonly options: SalesforceConnectionOptions,
    /** Fraction of the daily API limit the worker may use. */
    private readonly budgetFraction: number,
    /** How long to stop spending once the limit or the budget is reached. */
    private readonly pauseMs: number = API_PAUSE_MS,
    private readonly onUsage?: ApiUsageListener,
  ) {}

  private readonly memos = new Map<string, { value: Promise<unknown>; until: number }>();
  private usage: ApiUsage | undefined;

  /** The org's API usage from the last response this session saw (`Sforce-Limit-Info`). */
  get lastUsage(): ApiUsage | undefined {
    return this.usage;
  }

  /**
   * `read` once per `name` for ten minutes (per process): facts of the org that change only with a
   * deployment, so that a write-back pass every second does not spend a describe call each time.
   */
  memo<T>(name: string, read: () => Promise<T>, now: number = Date.now()): Promise<T> {
    const held = this.memos.get(name);
    if (held && held.until > now) return held.value as Promise<T>;
    const value = read();
    this.memos.set(name, { value, until: now + MEMO_TTL_MS });
    // A failed read is not remembered.
    value.catch(() => {
      if (this.memos.get(name)?.value === value) this.memos.delete(name);
    });
    return value;
  }

  connection(): Promise<Connection> {
    if (!this.pending) {
      const opening = connectSalesforce(this.options);
      this.pending = opening;
      opening.catch(() => {
        if (this.pending === opening) this.pending = undefined;
      });
    }
    return this.pending;
  }

  /** Throws ApiBudgetExceededError once the last response reported usage at or above the budget. */
  checkBudget(connection: Connection, now: number = Date.now()): void {
    checkApiBudget(connection.limitInfo.apiUsage, this.budgetFraction, now, this.pauseMs);
  }

  /**
   * Runs one Salesforce call: a REQUEST_LIMIT_EXCEEDED answer becomes ApiBudgetExceededError (stop
   * spending, keep the work), and the budget is checked after every call.
   */
  async call<T>(work: (connection: Connection) => Promise<T>): Promise<T> {
    const connection = await this.connection();
    let result: T;
    try {
      result = await work(connection);
    } catch (error) {
      if (isRequestLimitError(error)) {
        throw new ApiBudgetExceededError('Salesforce answered REQUEST_LIMIT_EXCEEDED', Date.now() + this.pauseMs);
      }
      throw error;
    }
    const usage = connection.limitInfo.apiUsage;
    if (usage) this.usage = { used: usage.used, limit: usage.limit };
    this.onUsage?.(usage);
    this.checkBudget(connection);
    return result;
  }
}

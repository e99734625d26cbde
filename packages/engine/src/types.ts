/**
 * The engine's public document types: the JSON shapes of plan-language v1 (input and output) and
 * the results of the engine's other entry points. Decimals are carried as strings at this boundary;
 * the exact arithmetic inside never sees a binary float.
 */

/** `^-?\d+(\.\d+)?$`; in input, JSON numbers are also accepted (read through their shortest text). */
export type DecimalString = string;
/** `YYYY-MM-DD`. */
export type DateString = string;
/** `2026-02` (month), `2026-Q1` (quarter), `2026` (year). */
export type PeriodId = string;
export type PeriodKind = 'month' | 'quarter' | 'year';

export type FilterOp = 'eq' | 'neq' | 'in' | 'notIn' | 'gt' | 'gte' | 'lt' | 'lte' | 'exists';
export type FieldValue = string | number | boolean | null;
export type Filter =
  | { field: string; op: FilterOp; value: FieldValue | FieldValue[] }
  | { all: Filter[] }
  | { any: Filter[] }
  | { not: Filter };

interface ComponentCommon {
  id: string;
  filter?: Filter;
  minAttainment?: DecimalString;
  cap?: DecimalString;
}
export interface PercentComponent extends ComponentCommon {
  type: 'percent';
  rate: DecimalString;
}
export interface Tier {
  upTo?: DecimalString;
  rate: DecimalString;
}
export interface TieredComponent extends ComponentCommon {
  type: 'tiered';
  basis: 'attainment' | 'amount';
  mode: 'marginal' | 'retroactive';
  tiers: Tier[];
}
export interface BonusComponent extends ComponentCommon {
  type: 'bonus';
  per: 'deal' | 'period';
  amount: DecimalString;
}
export type Component = PercentComponent | TieredComponent | BonusComponent;

export interface Plan {
  id: string;
  name?: string;
  currency: string;
  period: PeriodKind;
  quotaFilter?: Filter;
  cap?: DecimalString;
  components: Component[];
  /** v2 §2: this entry is the version of plan `id` in force from this date (the first day of a period). */
  from?: DateString;
  /** v2 §3: `"team"` credits the rep with their team's deals (default `"own"`). */
  credit?: 'own' | 'team';
  /** v2 §4: prorate the quota by the days of the period the rep's assignments cover. */
  prorateQuota?: boolean;
  /** v2 §5: a deal cancelled within this many days of its close date earns nothing. */
  clawbackDays?: number;
  /** v2 §6: a draw paid up to this amount each period; recoverable draws are paid back from later earnings. */
  draw?: { amount: DecimalString; recoverable: boolean };
}
/** v2 §3: a dated reporting line (inclusive dates, `to` absent means open-ended). */
export interface Manager {
  repId: string;
  managerId: string;
  from: DateString;
  to?: DateString;
}
/** v2 §7: one line of a statement as it was paid. */
export interface ClosedLine {
  dealId: string | null;
  componentId: string | null;
  kind: LineKind;
  tier: number | null;
  ofPeriod?: PeriodId;
  amount: DecimalString;
  base?: DecimalString;
  rate?: DecimalString;
  explain?: string;
}
/** v2 §7: a statement already closed (paid): reported exactly as given, never recomputed. */
export interface ClosedStatement {
  repId: string;
  planId: string;
  period: PeriodId;
  lines: ClosedLine[];
  balance?: DecimalString;
  quota?: DecimalString | null;
  credited?: DecimalString;
  attainment?: DecimalString | null;
  planFrom?: DateString | null;
}
export interface Assignment {
  repId: string;
  planId: string;
  from: DateString;
  to?: DateString;
}
export interface Quota {
  repId: string;
  period: PeriodId;
  amount: DecimalString;
}
export interface Split {
  repId: string;
  percent: DecimalString;
}
export interface Deal {
  id: string;
  ownerId: string;
  amount: DecimalString;
  currency?: string;
  closeDate: DateString;
  won: boolean;
  fields?: Record<string, FieldValue>;
  splits?: Split[];
  /** v2 §5: the won deal was cancelled on this date (≥ closeDate). */
  cancelDate?: DateString;
}
export interface ExchangeRate {
  currency: string;
  rate: DecimalString;
  from: DateString;
}

/** A validated input document: JSON numbers already turned into decimal strings, defaults filled in. */
export interface EngineInput {
  corporateCurrency: string;
  plans: Plan[];
  assignments: Assignment[];
  quotas: Quota[];
  deals: Deal[];
  exchangeRates: ExchangeRate[];
  /** v2 §1: the date that decides which draw periods have started; absent: the latest close or cancel date. */
  asOf?: DateString;
  /** v2 §3: dated reporting lines. */
  managers?: Manager[];
  /** v2 §7: statements already closed. */
  closed?: ClosedStatement[];
}

export type LineKind = 'commission' | 'bonus' | 'cap' | 'adjustment' | 'draw' | 'recovery' | 'carry';
export interface Line {
  dealId?: string;
  componentId?: string;
  kind: LineKind;
  tier?: number;
  /** v2: the closed period an adjustment corrects. */
  ofPeriod?: PeriodId;
  base?: DecimalString;
  rate?: DecimalString;
  amount: DecimalString;
  explain: string;
}
export interface Statement {
  repId: string;
  planId: string;
  period: PeriodId;
  /** v2 only (absent in a document that uses no v2 feature): the `from` of the plan version used. */
  planFrom?: DateString | null;
  currency: string;
  quota: DecimalString | null;
  /**
   * Q, rounded. A v2 closed statement shows the `credited` it was given, and null when none was given
   * (spec v2 §8); that case is typed as text here so v1 callers keep compiling: check before parsing.
   */
  credited: DecimalString;
  attainment: DecimalString | null;
  total: DecimalString;
  /** v2 only: whether the statement is closed (reported exactly as paid). */
  closed?: boolean;
  /** v2 only: what the rep owes after this statement, or null when no version of the plan has a draw. */
  balance?: DecimalString | null;
  lines: Line[];
}
export type WarningCode = 'NEGATIVE_AMOUNT' | 'NO_PLAN' | 'NO_RATE' | 'QUOTA_MISSING' | 'CANCELLED';
export interface Warning {
  code: WarningCode;
  message: string;
  dealId?: string;
  repId?: string;
  planId?: string;
  period?: PeriodId;
}
/** The output document of `attain compute`. */
export interface ComputeOutput {
  statements: Statement[];
  warnings: Warning[];
}

/** One problem in an input document: a stable code, its JSON path, and a message saying what to fix. */
export interface Issue {
  code: string;
  /** `['deals', 3, 'amount']`. */
  path: (string | number)[];
  message: string;
}
export type ValidationResult = { ok: true; value: EngineInput } | { ok: false; issues: Issue[] };

/** Which statements to recompute: every statement of `repId` whose period id is `period`. */
export interface StatementKey {
  repId: string;
  period: PeriodId;
}

/** What one hypothetical deal would add to a rep's statement (the reps' what-if). */
export interface Estimate {
  repId: string;
  dealId: string;
  /** The statement the deal lands in, before and after; `before` is null when the rep had none there. */
  before: Statement | null;
  after: Statement | null;
  /** after.total − before.total, in the statement's currency. */
  difference: DecimalString;
  /** The lines of `after` that pay on the hypothetical deal. */
  dealLines: Line[];
  warnings: Warning[];
}

/** One rep's period in a comparison. */
export interface ComparedStatement {
  period: PeriodId;
  before: DecimalString;
  after: DecimalString;
  difference: DecimalString;
  /** v2 only: whether the period is closed (its total cannot change). */
  closed?: boolean;
  /**
   * v2 only, closed periods: the adjustments this period receives (in later open statements) under the
   * current document and under the new plan.
   */
  adjustments?: { before: DecimalString; after: DecimalString; difference: DecimalString };
}

/** A new version of one plan compared with the current one over the same deals. */
export interface Comparison {
  planId: string;
  currency: string;
  reps: {
    repId: string;
    before: DecimalString;
    after: DecimalString;
    difference: DecimalString;
    statements: ComparedStatement[];
  }[];
  totals: { before: DecimalString; after: DecimalString; difference: DecimalString };
  warnings: Warning[];
}

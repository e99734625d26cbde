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
}

export type LineKind = 'commission' | 'bonus' | 'cap';
export interface Line {
  dealId?: string;
  componentId?: string;
  kind: LineKind;
  tier?: number;
  base?: DecimalString;
  rate?: DecimalString;
  amount: DecimalString;
  explain: string;
}
export interface Statement {
  repId: string;
  planId: string;
  period: PeriodId;
  currency: string;
  quota: DecimalString | null;
  credited: DecimalString;
  attainment: DecimalString | null;
  total: DecimalString;
  lines: Line[];
}
export type WarningCode = 'NEGATIVE_AMOUNT' | 'NO_PLAN' | 'NO_RATE' | 'QUOTA_MISSING';
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

/** A new version of one plan compared with the current one over the same deals. */
export interface Comparison {
  planId: string;
  currency: string;
  reps: {
    repId: string;
    before: DecimalString;
    after: DecimalString;
    difference: DecimalString;
    statements: { period: PeriodId; before: DecimalString; after: DecimalString; difference: DecimalString }[];
  }[];
  totals: { before: DecimalString; after: DecimalString; difference: DecimalString };
  warnings: Warning[];
}

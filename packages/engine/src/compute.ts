import { type Bucket, CreditCollector, creditsOf } from './credit/collect-credits.js';
import { type PreparedInput, prepareInput } from './credit/prepared-input.js';
import { keysScope, type Scope } from './credit/scope.js';
import { type BuiltStatement, settlePlan } from './ledger/settle.js';
import { buildStatement } from './statement.js';
import { addDrawStatements, addQuotaStatements, statementQuota } from './statement-existence.js';
import type { ComputeOutput, Deal, EngineInput, PeriodId, Statement, StatementKey, Warning } from './types.js';
import { periodRange } from './values/dates.js';
import type { PlanVersions } from './versions/plan-versions.js';

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Output order of statements: rep id, then period start, then plan id, then period id. */
function sortBuckets(buckets: Iterable<Bucket>): Bucket[] {
  const starts = new Map<string, string>();
  const startOf = (period: string): string => {
    let start = starts.get(period);
    if (start === undefined) {
      start = periodRange(period).first;
      starts.set(period, start);
    }
    return start;
  };
  return [...buckets].sort(
    (a, b) =>
      compareText(a.repId, b.repId) ||
      compareText(startOf(a.period), startOf(b.period)) ||
      compareText(a.plan.id, b.plan.id) ||
      compareText(a.period, b.period),
  );
}

/** Deal warnings in a fixed order whatever the order of the input arrays: deal id, rep id, code. */
function sortDealWarnings(warnings: Warning[]): Warning[] {
  return warnings.sort(
    (a, b) =>
      compareText(a.dealId ?? '', b.dealId ?? '') ||
      compareText(a.repId ?? '', b.repId ?? '') ||
      compareText(a.code, b.code),
  );
}

/** A statement built by the open rules (v1, §2–§5) from its bucket, or undefined when it does not exist. */
function build(
  bucket: Bucket,
  prepared: PreparedInput,
  dealWarnings: Warning[],
  statementWarnings: Warning[],
): Statement | undefined {
  const plan = bucket.plan;
  const quota = statementQuota(prepared, bucket.repId, bucket.versions, plan.prorateQuota, bucket.period);
  // Warnings of statements computed only as history (draws, adjustments) are not this run's.
  const credits = creditsOf(bucket, prepared, bucket.inScope ? dealWarnings : []);
  // §3.4: a statement exists for a credit, a quota or (v2 §6) a draw period; dropped credits are none.
  if (credits.length === 0 && !bucket.byQuota && !bucket.byDraw) return undefined;
  const { statement, warning } = buildStatement(bucket.repId, plan, bucket.period, credits, quota);
  if (warning && bucket.inScope) statementWarnings.push(warning);
  return statement;
}

/** A v2 statement without history: the v1 statement with planFrom, closed and balance in their places. */
function withV2Fields(statement: Statement, planFrom: string | null): Statement {
  const { repId, planId, period, currency, quota, credited, attainment, total, lines } = statement;
  return {
    repId,
    planId,
    period,
    planFrom,
    currency,
    quota,
    credited,
    attainment,
    total,
    closed: false,
    balance: null,
    lines,
  };
}

/**
 * Computes the statements in `scope` (every statement without one), yielding each in output order as
 * soon as it is built, so a caller can stream them out (and wait for its output between two). Returns
 * the warnings: deal warnings first (sorted by deal id, rep id, code), then statement warnings in
 * statement order.
 */
export function* statementsInOrder(
  input: EngineInput,
  scope: Scope | undefined,
): Generator<Statement, Warning[], undefined> {
  const prepared = prepareInput(input);
  const collector = new CreditCollector(prepared, scope);
  for (const deal of input.deals) collector.addDeal(deal);
  addQuotaStatements(prepared, input, collector, scope);
  addDrawStatements(prepared, input, collector, scope);
  const dealWarnings = collector.warnings;
  const statementWarnings: Warning[] = [];
  const sorted = sortBuckets(collector.buckets);
  if (prepared.historyPlans.size > 0) {
    yield* settledInOrder(sorted, prepared, input, scope, dealWarnings, statementWarnings);
  } else {
    for (const bucket of sorted) {
      const statement = build(bucket, prepared, dealWarnings, statementWarnings);
      if (statement === undefined) continue;
      yield prepared.usesV2 ? withV2Fields(statement, bucket.plan.from ?? null) : statement;
    }
  }
  return [...sortDealWarnings(dealWarnings), ...statementWarnings];
}

/**
 * v2 §6–§7: per rep, every plan with history (draws or closed statements) is settled in period order
 * (closed statements as paid, adjustments, draws, balances); the rep's statements are then yielded
 * in output order, those of the scope only.
 */
function* settledInOrder(
  sorted: Bucket[],
  prepared: PreparedInput,
  input: EngineInput,
  scope: Scope | undefined,
  dealWarnings: Warning[],
  statementWarnings: Warning[],
): Generator<Statement, void, undefined> {
  // Adjustment texts only need the deals that were cancelled (a clawback names its cancel date).
  const deals = new Map<string, Deal>();
  for (const deal of input.deals) if (deal.cancelDate !== undefined) deals.set(deal.id, deal);
  const byRep = new Map<string, Bucket[]>();
  for (const bucket of sorted) {
    const list = byRep.get(bucket.repId);
    if (list) list.push(bucket);
    else byRep.set(bucket.repId, [bucket]);
  }
  const reps = new Set(byRep.keys());
  for (const repId of prepared.closedByRep.keys())
    if (scope?.reps === undefined || scope.reps.has(repId)) reps.add(repId);
  for (const repId of [...reps].sort(compareText)) {
    const out: Statement[] = [];
    const history = new Map<PlanVersions, Map<PeriodId, BuiltStatement>>();
    for (const bucket of byRep.get(repId) ?? []) {
      const statement = build(bucket, prepared, dealWarnings, statementWarnings);
      const planFrom = bucket.plan.from ?? null;
      if (!prepared.historyPlans.has(bucket.versions.id)) {
        if (statement !== undefined) out.push(withV2Fields(statement, planFrom));
        continue;
      }
      let built = history.get(bucket.versions);
      if (built === undefined) {
        built = new Map();
        history.set(bucket.versions, built);
      }
      if (statement !== undefined) built.set(bucket.period, { statement, planFrom });
    }
    for (const closed of prepared.closedByRep.get(repId) ?? []) {
      const versions = prepared.plans.get(closed.planId)!;
      if (!history.has(versions)) history.set(versions, new Map());
    }
    for (const [versions, built] of history) out.push(...settlePlan(repId, versions, built, { prepared, deals }));
    const starts = new Map<string, string>();
    const startOf = (period: string) => {
      let start = starts.get(period);
      if (start === undefined) {
        start = periodRange(period).first;
        starts.set(period, start);
      }
      return start;
    };
    out.sort(
      (a, b) =>
        compareText(startOf(a.period), startOf(b.period)) ||
        compareText(a.planId, b.planId) ||
        compareText(a.period, b.period),
    );
    for (const statement of out)
      if (scope === undefined || scope.includesStatement(statement.repId, statement.planId, statement.period))
        yield statement;
  }
}

/** {@link statementsInOrder} with a callback: hands each statement to `onStatement`, returns the warnings. */
export function forEachStatement(
  input: EngineInput,
  scope: Scope | undefined,
  onStatement: (statement: Statement) => void,
): Warning[] {
  const statements = statementsInOrder(input, scope);
  for (;;) {
    const step = statements.next();
    if (step.done) return step.value;
    onStatement(step.value);
  }
}

/** Every statement of the input, and every warning (plan-language v1 §3–4). */
export function compute(input: EngineInput): ComputeOutput {
  const statements: Statement[] = [];
  const warnings = forEachStatement(input, undefined, (statement) => statements.push(statement));
  return { statements, warnings };
}

/**
 * Only the statements whose (repId, period) is in `keys`, computed only from the deals and quotas of
 * those reps; identical to the same statements from {@link compute}. Warnings: the statements'
 * QUOTA_MISSING, and deal warnings of a key's rep whose close date falls in one of that rep's key periods.
 */
export function computeFor(input: EngineInput, keys: readonly StatementKey[]): ComputeOutput {
  const statements: Statement[] = [];
  const warnings = forEachStatement(input, keysScope(keys), (statement) => statements.push(statement));
  return { statements, warnings };
}

export { statementKeysOf } from './versions/statement-keys.js';

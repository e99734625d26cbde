import { type Bucket, CreditCollector, creditsOf } from './credit/collect-credits.js';
import { type PreparedInput, prepareInput, quotaKey } from './credit/prepared-input.js';
import { keysScope, type Scope } from './credit/scope.js';
import { buildStatement } from './statement.js';
import type { ComputeOutput, Deal, EngineInput, Statement, StatementKey, Warning } from './types.js';
import { periodContaining, periodKindOf, periodRange } from './values/dates.js';

/** §3.4: a quota alone makes a statement for each of the rep's assignments it overlaps (same period kind). */
function addQuotaStatements(
  prepared: PreparedInput,
  input: EngineInput,
  collector: CreditCollector,
  scope: Scope | undefined,
): void {
  for (const quota of input.quotas) {
    const kind = periodKindOf(quota.period);
    if (kind === undefined) continue;
    if (scope?.reps !== undefined && !scope.reps.has(quota.repId)) continue;
    const { first, last } = periodRange(quota.period);
    for (const assignment of prepared.assignments.of(quota.repId)) {
      const plan = prepared.plans.get(assignment.planId);
      if (plan === undefined || plan.period !== kind) continue;
      if (assignment.from > last || (assignment.to !== undefined && assignment.to < first)) continue;
      if (scope !== undefined && !scope.includesStatement(quota.repId, plan.id, quota.period)) continue;
      collector.bucketFor(quota.repId, plan, quota.period);
    }
  }
}

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
  const dealWarnings = collector.warnings;
  const statementWarnings: Warning[] = [];
  for (const bucket of sortBuckets(collector.buckets)) {
    const quota = prepared.quotas.get(quotaKey(bucket.repId, bucket.period));
    const credits = creditsOf(bucket, prepared, dealWarnings);
    const { statement, warning } = buildStatement(bucket.repId, bucket.plan, bucket.period, credits, quota);
    if (warning) statementWarnings.push(warning);
    yield statement;
  }
  return [...sortDealWarnings(dealWarnings), ...statementWarnings];
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

/**
 * The (rep, period) keys a deal's credits land in — where its rep has a plan on the close date. A deal
 * that is not won lands nowhere. A negative amount or a missing rate still names the key, since the
 * warning it raises belongs to that statement. Keys come in split order, without repeats.
 */
export function statementKeysOf(input: EngineInput, deal: Deal): StatementKey[] {
  if (!deal.won) return [];
  const reps =
    deal.splits !== undefined && deal.splits.length > 0 ? deal.splits.map((split) => split.repId) : [deal.ownerId];
  const keys: StatementKey[] = [];
  const seen = new Set<string>();
  for (const repId of reps) {
    // A linear scan: cheaper than indexing every assignment for one deal.
    const assignment = input.assignments.find(
      (a) => a.repId === repId && a.from <= deal.closeDate && (a.to === undefined || deal.closeDate <= a.to),
    );
    const plan = assignment && input.plans.find((p) => p.id === assignment.planId);
    if (plan === undefined) continue;
    const period = periodContaining(deal.closeDate, plan.period);
    const key = quotaKey(repId, period);
    if (seen.has(key)) continue;
    seen.add(key);
    keys.push({ repId, period });
  }
  return keys;
}

import { type ComputeOutput, compute, type EngineInput, type Statement, validate } from '../src/index.js';

/** A raw (unvalidated) input document, as JSON would give it. */
export type RawInput = Record<string, unknown>;

/** Validates a raw document and fails the test loudly when it is refused. */
export function engineInput(raw: RawInput): EngineInput {
  const result = validate(raw);
  if (!result.ok)
    throw new Error(`test input refused:\n${result.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return result.value;
}

export function run(raw: RawInput): ComputeOutput {
  return compute(engineInput(raw));
}

/** A quarterly USD plan with the given components (and extra plan fields). */
export function quarterlyPlan(components: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'plan', currency: 'USD', period: 'quarter', components, ...extra };
}

/** One rep (`rep`) on `plan` for 2026, a Q1 quota, and the given deals. */
export function oneRep(
  plan: Record<string, unknown>,
  deals: unknown[],
  options: { quota?: string | null; rates?: unknown[]; corporateCurrency?: string } = {},
): RawInput {
  const quota = options.quota === undefined ? '100000' : options.quota;
  return {
    ...(options.corporateCurrency ? { corporateCurrency: options.corporateCurrency } : {}),
    plans: [plan],
    assignments: [{ repId: 'rep', planId: plan.id, from: '2026-01-01' }],
    quotas: quota === null ? [] : [{ repId: 'rep', period: '2026-Q1', amount: quota }],
    deals,
    exchangeRates: options.rates ?? [],
  };
}

let dealCounter = 0;
/** A won deal of `rep` in Q1 2026 (fields and overrides merged in). */
export function wonDeal(amount: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  dealCounter++;
  return {
    id: `d${String(dealCounter).padStart(4, '0')}`,
    ownerId: 'rep',
    amount,
    closeDate: '2026-02-01',
    won: true,
    ...overrides,
  };
}

/** The only statement of an output (fails when there is not exactly one). */
export function onlyStatement(output: ComputeOutput): Statement {
  if (output.statements.length !== 1) throw new Error(`expected one statement, got ${output.statements.length}`);
  return output.statements[0]!;
}

/** `[componentId, tier, base, amount]` of each line, compact for assertions. */
export function lineSummary(statement: Statement): (string | number | undefined)[][] {
  return statement.lines.map((line) => [
    line.dealId,
    line.componentId,
    line.kind,
    line.tier,
    line.base,
    line.rate,
    line.amount,
  ]);
}

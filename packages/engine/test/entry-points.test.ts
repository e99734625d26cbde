import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compare,
  compute,
  computeEach,
  computeFor,
  computeStatements,
  type EngineInput,
  estimate,
  parseInput,
  type Statement,
  statementKeysOf,
  validatePlan,
  validateWhatIfDeal,
} from '../src/index.js';

function example(name: string): string {
  return readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8');
}

function exampleInput(): EngineInput {
  const result = parseInput(example('ae-2026.json'));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

describe('the ae-2026 example', () => {
  it('validates and computes the statements a reader can check by hand', () => {
    const output = compute(exampleInput());
    expect(output.statements.map((s) => [s.repId, s.period, s.attainment, s.total])).toEqual([
      // Ana Q1: accel 5,000 + 1,600 + 4,000 + 480 + 4,800 (renewal at tier 3) = 15,880; services 1,200;
      // new-logo 2 × 500; club 2,500 (102% ≥ 100%) → 20,580.00.
      ['005-ana', '2026-Q1', '1.0200', '20580.00'],
      ['005-ana', '2026-Q2', '0.6818', '8700.00'],
      ['005-ben', '2026-Q1', '0.8733', '8730.00'],
      ['005-chloe', '2026-Q1', '1.1487', '10409.48'],
      ['005-dev', '2026-Q1', null, '500.00'],
    ]);
    expect(output.warnings.map((w) => [w.code, w.dealId ?? w.period, w.repId])).toEqual([
      ['NO_PLAN', '006-wayne', '005-dev'],
      ['QUOTA_MISSING', '2026-Q1', '005-dev'],
    ]);
  });

  it('the v2 plan document is a valid plan with the same id', () => {
    const plan = validatePlan(JSON.parse(example('ae-2026-v2.json')));
    expect(plan.ok && plan.value.id).toBe('ae-2026');
  });
});

describe('computeFor and statementKeysOf', () => {
  it('computes only the requested (rep, period) statements, identical to compute()', () => {
    const input = exampleInput();
    const all = compute(input);
    const keys = [
      { repId: '005-ana', period: '2026-Q2' },
      { repId: '005-chloe', period: '2026-Q1' },
      { repId: '005-nobody', period: '2026-Q1' },
    ];
    const some = computeFor(input, keys);
    expect(some.statements).toEqual(
      all.statements.filter((s) => keys.some((k) => k.repId === s.repId && k.period === s.period)),
    );
    expect(some.warnings).toEqual([]);
    // The NO_PLAN warning of Dev's January deal belongs to (005-dev, 2026-Q1).
    expect(computeFor(input, [{ repId: '005-dev', period: '2026-Q1' }]).warnings.map((w) => w.code)).toEqual([
      'NO_PLAN',
      'QUOTA_MISSING',
    ]);
  });

  it('names the keys a deal lands in: one per split rep with a plan, none for a lost deal', () => {
    const input = exampleInput();
    const globex = input.deals.find((d) => d.id === '006-globex')!;
    expect(statementKeysOf(input, globex)).toEqual([
      { repId: '005-ana', period: '2026-Q1' },
      { repId: '005-ben', period: '2026-Q1' },
    ]);
    expect(statementKeysOf(input, { ...globex, won: false })).toEqual([]);
    const wayne = input.deals.find((d) => d.id === '006-wayne')!;
    expect(statementKeysOf(input, wayne)).toEqual([]); // Dev had no plan in January
  });

  it('computeEach streams the same statements and warnings as compute', () => {
    const input = exampleInput();
    const streamed: Statement[] = [];
    const warnings = computeEach(input, (statement) => streamed.push(statement));
    expect({ statements: streamed, warnings }).toEqual(compute(input));
  });

  it('computeStatements yields the statements of compute (or computeFor with keys) and returns the warnings', () => {
    const input = exampleInput();
    const drain = (statements: Generator<Statement, unknown[], undefined>) => {
      const yielded: Statement[] = [];
      for (let step = statements.next(); ; step = statements.next()) {
        if (step.done) return { statements: yielded, warnings: step.value };
        yielded.push(step.value);
      }
    };
    const all = compute(input);
    expect(all.statements.length).toBeGreaterThan(1);
    expect(drain(computeStatements(input))).toEqual(all);
    const keys = [{ repId: all.statements[0]!.repId, period: all.statements[0]!.period }];
    expect(drain(computeStatements(input, keys))).toEqual(computeFor(input, keys));
  });
});

describe('estimate', () => {
  it('shows what a hypothetical deal adds, with before/after statements and its own lines', () => {
    const input = exampleInput();
    const deal = validateWhatIfDeal(
      { amount: '50000', closeDate: '2026-03-25', fields: { productFamily: 'Software', type: 'New Logo' } },
      '005-ben',
      input.corporateCurrency,
    );
    if (!deal.ok) throw new Error('what-if refused');
    const result = estimate(input, '005-ben', deal.value);
    // Ben: Q 131,000 of 150,000. +50,000 → 181,000: [131,000, 150,000) at 8% = 1,520.00 and [150,000, 181,000)
    // at 12% = 3,720.00; new-logo 500.00; club 2,500.00 now that 120.67% ≥ 100% → +8,240.00.
    expect(result.before?.total).toBe('8730.00');
    expect(result.after?.total).toBe('16970.00');
    expect(result.difference).toBe('8240.00');
    expect(result.dealLines.map((l) => [l.componentId, l.tier, l.amount])).toEqual([
      ['accel', 2, '1520.00'],
      ['accel', 3, '3720.00'],
      ['new-logo', undefined, '500.00'],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('replaces an existing deal with the same id, and lands nowhere without a plan', () => {
    const input = exampleInput();
    const hooli = input.deals.find((d) => d.id === '006-hooli')!;
    const closing = estimate(input, '005-ben', { ...hooli, won: true });
    // The lost 60,000 New Logo deal now won: [131,000 → 150,000) 8% = 1,520; [150,000 → 191,000) 12% = 4,920;
    // 500 bonus; club 2,500 → +9,440.00.
    expect(closing.difference).toBe('9440.00');
    const early = estimate(input, '005-dev', {
      ...hooli,
      id: 'x',
      ownerId: '005-dev',
      won: true,
      closeDate: '2026-01-05',
    });
    expect([early.before, early.after, early.difference, early.warnings.map((w) => w.code)]).toEqual([
      null,
      null,
      '0.00',
      ['NO_PLAN'],
    ]);
  });
});

describe('compare', () => {
  it('puts the new plan version against the current one, per rep and period, with totals', () => {
    const input = exampleInput();
    const v2 = validatePlan(JSON.parse(example('ae-2026-v2.json')));
    if (!v2.ok) throw new Error('v2 refused');
    const comparison = compare(input, v2.value);
    const after = compute({ ...input, plans: [v2.value] });
    for (const rep of comparison.reps) {
      for (const period of rep.statements) {
        const statement = after.statements.find((s) => s.repId === rep.repId && s.period === period.period)!;
        expect(period.after).toBe(statement.total);
      }
    }
    expect(comparison.reps.map((r) => r.repId)).toEqual(['005-ana', '005-ben', '005-chloe', '005-dev']);
    expect(comparison.totals.before).toBe('48919.48'); // 20,580 + 8,700 + 8,730 + 10,409.48 + 500
  });

  it('a plan that did not exist yet compares against nothing', () => {
    const input = exampleInput();
    const fresh = { ...input.plans[0]!, id: 'brand-new' };
    expect(compare(input, fresh)).toEqual({
      planId: 'brand-new',
      currency: 'USD',
      reps: [],
      totals: { before: '0.00', after: '0.00', difference: '0.00' },
      warnings: [],
    });
  });
});

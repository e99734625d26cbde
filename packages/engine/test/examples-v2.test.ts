import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compare, compute, type EngineInput, parseInput, type Statement, validatePlan } from '../src/index.js';
import { assertCliBuilt, attain } from './cli-fixtures.js';

/*
 * The v2 example documents in examples/, each computed with the figures a reader can check by hand.
 */

function example(name: string): EngineInput {
  const result = parseInput(readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8'));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}
const find = (statements: Statement[], repId: string, period: string) =>
  statements.find((s) => s.repId === repId && s.period === period)!;
const kinds = (s: Statement) => s.lines.map((l) => `${l.kind} ${l.dealId ?? '—'} ${l.amount}`);

describe('examples/v2-paid-is-paid.json: versions, proration, a clawback and a data fix after Q1 and Q2 were paid', () => {
  const output = compute(example('v2-paid-is-paid.json'));

  it('closed quarters are exactly as paid; Q3 uses the version from 2026-07-01', () => {
    expect(output.statements.map((s) => [s.repId, s.period, s.closed, s.planFrom, s.total])).toEqual([
      ['005-ana', '2026-Q1', true, null, '23900.00'],
      ['005-ana', '2026-Q2', true, null, '9000.00'],
      ['005-ana', '2026-Q3', false, '2026-07-01', '15600.00'],
      ['005-ben', '2026-Q1', true, null, '9050.00'],
      ['005-ben', '2026-Q2', true, null, '12300.00'],
      ['005-ben', '2026-Q3', false, '2026-07-01', '7200.00'],
    ]);
  });

  it('Ana: the cancelled renewal and the tier it moved are corrected in Q3', () => {
    // Q3 own lines: 260,000 against 220,000: 110,000 × 5 % + 110,000 × 8 % + 40,000 × 15 % = 20,300.00 + club 2,500.
    // Q1 now: 120,000 + 90,000 = 210,000 of 200,000: acme 5,000 + 1,600, globex 80,000 × 8 % = 6,400 + 10,000 × 12 %
    // = 1,200 → globex 7,600.00 instead of 10,000.00 (−2,400.00); renewal 0 instead of 4,800.00 (−4,800.00).
    // 22,800.00 − 7,200.00 = 15,600.00.
    expect(kinds(find(output.statements, '005-ana', '2026-Q3'))).toEqual([
      'commission 006-stark 5500.00',
      'commission 006-stark 8800.00',
      'commission 006-stark 6000.00',
      'bonus — 2500.00',
      'adjustment 006-acme-renewal -4800.00',
      'adjustment 006-globex -2400.00',
    ]);
  });

  it('Ben: the prorated Q1 quota (196,666.67) and the corrected umbrella amount', () => {
    // Q1 quota 300,000 × 59 / 90 = 196,666.67. Umbrella fixed from 150,000 to 165,000: due 98,333.34 × 5 %
    // + 66,666.66 × 8 % = 4,916.67 + 5,333.33 = 10,250.00, paid 9,050.00 → +1,200.00 in Q3.
    const q1 = find(output.statements, '005-ben', '2026-Q1');
    expect(q1.quota).toBe('196666.67');
    expect(kinds(find(output.statements, '005-ben', '2026-Q3'))).toEqual([
      'commission 006-wayne 6000.00',
      'adjustment 006-umbrella 1200.00',
    ]);
  });

  it('compare with the proposed H2 version changes only the open Q3', () => {
    const input = example('v2-paid-is-paid.json');
    const proposal = validatePlan(
      JSON.parse(readFileSync(new URL('../examples/v2-paid-is-paid-h2-proposal.json', import.meta.url), 'utf8')),
    );
    if (!proposal.ok) throw new Error('proposal refused');
    const result = compare(input, proposal.value);
    // Ana's 40,000 in tier 3 at 18 % instead of 15 %: +1,200.00; Ben never reaches tier 3.
    expect(result.totals).toEqual({ before: '77050.00', after: '78250.00', difference: '1200.00' });
    expect(result.reps[0]!.statements.map((s) => [s.period, s.closed, s.difference])).toEqual([
      ['2026-Q1', true, '0.00'],
      ['2026-Q2', true, '0.00'],
      ['2026-Q3', false, '1200.00'],
    ]);
  });
});

describe('examples/v2-team-override.json: overrides and a director on quota over a dated hierarchy', () => {
  const output = compute(example('v2-team-override.json'));

  it('the manager is credited each deal of her team once, at most at 100 %', () => {
    // acme: Ana 60 + Ben 40 + Sol (SE overlay) 100 → counted once at 100 %: 100,000 × 2 % = 2,000.00.
    // globex (2026-03-05): Ben reports to Dan from March, so not to Mia. initech: 250,000 × 2 % = 5,000.00.
    expect(kinds(find(output.statements, '005-mia', '2026-Q1'))).toEqual([
      'commission 006-acme 2000.00',
      'commission 006-initech 5000.00',
    ]);
  });

  it('the director is on quota for the whole organization', () => {
    // Dan's team: Mia (and through her Ana and Sol), and Ben from March. Credited 100,000 + 80,000 + 250,000 =
    // 430,000 of 300,000 (143.33 %): 300,000 × 0.5 % = 1,500.00 then 130,000 × 1 % = 1,300.00 → 2,800.00.
    const dan = find(output.statements, '005-dan', '2026-Q1');
    expect([dan.credited, dan.attainment, dan.total]).toEqual(['430000.00', '1.4333', '2800.00']);
  });
});

describe('examples/v2-ramp-draw.json: a recoverable ramp draw, a guarantee and a clawback carried forward', () => {
  const output = compute(example('v2-ramp-draw.json'));

  it('Nia: a prorated first draw, recovered when she earns', () => {
    // Jan from the 12th: 5,000 × 20 / 31 = 3,225.81 guaranteed, earned 2,000 → draw 1,225.81 (owed).
    // Feb: 9,000 earned, recovery min(1,225.81, 9,000 − 5,000) → total 7,774.19. Mar: nothing → draw 5,000.
    // Apr: 12,000, recovery 5,000 → 7,000.00.
    expect(output.statements.filter((s) => s.repId === '005-nia').map((s) => [s.period, s.total, s.balance])).toEqual([
      ['2026-01', '3225.81', '1225.81'],
      ['2026-02', '7774.19', '0.00'],
      ['2026-03', '5000.00', '5000.00'],
      ['2026-04', '7000.00', '0.00'],
    ]);
  });

  it('Oto: the clawback of a paid deal exceeds February, so the rest is carried and recovered in March', () => {
    expect(kinds(find(output.statements, '005-oto', '2026-02'))).toEqual([
      'adjustment 006-o1 -5000.00',
      'draw — 1000.00',
      'carry — 4000.00',
    ]);
    expect(output.statements.filter((s) => s.repId === '005-oto').map((s) => [s.period, s.total, s.balance])).toEqual([
      ['2026-01', '5000.00', '0.00'],
      ['2026-02', '0.00', '4000.00'],
      ['2026-03', '2000.00', '0.00'],
      ['2026-04', '1000.00', '0.00'],
    ]);
  });
});

describe('attain accepts v2 documents', () => {
  beforeAll(assertCliBuilt);
  const path = (name: string) => `packages/engine/examples/${name}`;

  it('compute --format table shows closed statements, versions, adjustments, draws and balances', async () => {
    const result = await attain(['compute', '--input', path('v2-ramp-draw.json'), '--format', 'table'], {
      env: { NO_COLOR: '1' },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('period 2026-01 · USD · CLOSED (as paid)');
    expect(result.stdout).toContain('total 0.00 · balance owed 4,000.00');
    expect(result.stdout).toMatch(/adjustment 2026-01 +-5,000\.00 {2}Correction to 2026-01: deal 006-o1 was cancelled/);
    expect(result.stdout).toMatch(/carry +4,000\.00 {2}Carried forward/);
  });

  it('validate, estimate and compare', async () => {
    const valid = await attain(['validate', '--input', path('v2-team-override.json')]);
    expect([valid.code, valid.stderr]).toEqual([
      0,
      'valid: 4 plans, 5 assignments, 1 quota, 3 deals, 0 exchange rates, 5 manager entries; corporate currency USD\n',
    ]);
    const what = await attain([
      'estimate',
      '--input',
      path('v2-ramp-draw.json'),
      '--rep',
      '005-nia',
      '--deal',
      '{"amount":"10000","closeDate":"2026-03-09"}',
    ]);
    // March: earned 1,000 < 5,000 → still a draw of 4,000: the statement stays 5,000.00.
    expect(JSON.parse(what.stdout).difference).toBe('0.00');
    const compared = await attain([
      'compare',
      '--input',
      path('v2-paid-is-paid.json'),
      '--plan',
      path('v2-paid-is-paid-h2-proposal.json'),
      '--format',
      'table',
    ]);
    expect(compared.stdout).toContain('2026-Q1 (closed)');
    expect(compared.stdout).toContain('adjustments for 2026-Q1');
  });

  it('compare refuses a new version that does not fit the plan, under plan.', async () => {
    const plan = {
      id: 'ae-2026',
      from: '2026-08-01',
      currency: 'EUR',
      period: 'quarter',
      components: [{ id: 'c', type: 'percent', rate: '0.1' }],
    };
    const result = await attain(['compare', '--input', path('v2-paid-is-paid.json'), '--plan', '-'], {
      stdin: JSON.stringify(plan),
    });
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      'plan.from: a version starts on the first day of a quarter, got 2026-08-01',
      'plan.currency: every version of plan "ae-2026" has the currency and period of the input (USD, quarter)',
    ]);
  });

  it('refuses bad v2 input as a whole: exit 2, one line per problem with its path', async () => {
    const doc = {
      plans: [
        { id: 'p', currency: 'USD', period: 'quarter', components: [{ id: 'c', type: 'percent', rate: '0.1' }] },
        {
          id: 'p',
          from: '2026-02-01',
          currency: 'USD',
          period: 'quarter',
          components: [{ id: 'c', type: 'percent', rate: '0.1' }],
        },
      ],
      assignments: [],
      managers: [{ repId: 'a', managerId: 'a', from: '2026-01-01' }],
      deals: [{ id: 'd', ownerId: 'a', amount: '1', closeDate: '2026-03-01', cancelDate: '2026-02-01', won: true }],
      closed: [{ repId: 'a', planId: 'p', period: '2026-Q1', balance: '-1', lines: [] }],
    };
    const result = await attain(['compute', '--input', '-'], { stdin: JSON.stringify(doc) });
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(
      result.stderr
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(':')[0]),
    ).toEqual(['plans[1].from', 'deals[0].cancelDate', 'managers[0].managerId', 'closed[0].balance']);
  });
});

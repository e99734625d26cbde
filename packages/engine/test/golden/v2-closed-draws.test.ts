import { describe, expect, it } from 'vitest';
import { compare, computeFor, type Statement, statementKeysOf } from '../../src/index.js';
import { engineInput, run } from '../helpers.js';

const summary = (statements: Statement[]) =>
  statements.map((s) => [
    s.period,
    s.closed,
    s.total,
    s.balance,
    s.lines.map((l) => [l.kind, l.dealId, l.ofPeriod, l.amount].filter((x) => x !== undefined).join(' ')),
  ]);

/** Ana on a quarterly 8 % plan with a 90-day clawback; Q1 closed and paid 800.00 + 4,800.00. */
const clawback = {
  plans: [
    {
      id: 'ae',
      currency: 'USD',
      period: 'quarter',
      clawbackDays: 90,
      components: [{ id: 'base', type: 'percent', rate: '0.08' }],
    },
  ],
  assignments: [{ repId: 'ana', planId: 'ae', from: '2026-01-01' }],
  deals: [
    { id: 'acme', ownerId: 'ana', amount: '60000', closeDate: '2026-03-10', won: true, cancelDate: '2026-04-20' },
    { id: 'globex', ownerId: 'ana', amount: '10000', closeDate: '2026-02-10', won: true },
    { id: 'q2', ownerId: 'ana', amount: '25000', closeDate: '2026-05-10', won: true },
  ],
  closed: [
    {
      repId: 'ana',
      planId: 'ae',
      period: '2026-Q1',
      lines: [
        { dealId: 'globex', componentId: 'base', kind: 'commission', tier: null, amount: '800.00' },
        { dealId: 'acme', componentId: 'base', kind: 'commission', tier: null, amount: '4800.00' },
      ],
    },
  ],
};

describe('v2 §5 + §7 the 90-day clawback of a paid deal', () => {
  it('is taken back as an explained adjustment in the first open period', () => {
    // Acme closed 2026-03-10, cancelled 2026-04-20: 41 days ≤ 90, so its Q1 credit is removed.
    // Q1 is closed: it stays exactly as paid (5,600.00). Due now for (Q1, acme, base) = 0, paid 4,800.00:
    // adjustment −4,800.00 in Q2. Q2 = 25,000 × 8 % = 2,000.00 − 4,800.00 = −2,800.00 (no draw, so no carry).
    const out = run(clawback);
    expect(summary(out.statements)).toEqual([
      ['2026-Q1', true, '5600.00', null, ['commission globex 800.00', 'commission acme 4800.00']],
      ['2026-Q2', false, '-2800.00', null, ['commission q2 2000.00', 'adjustment acme 2026-Q1 -4800.00']],
    ]);
    expect(out.statements[1]!.lines[1]!.explain).toBe(
      'Correction to 2026-Q1: deal acme was cancelled on 2026-04-20, within 90 days — its 4,800.00 is taken back',
    );
    expect(out.warnings.map((w) => [w.code, w.dealId, w.period])).toEqual([['CANCELLED', 'acme', '2026-Q1']]);
  });

  it('a cancellation after the window, or under a plan without clawbackDays, keeps the credit', () => {
    // 2026-03-10 + 91 days = 2026-06-09: outside 90 days → no adjustment, Q2 = 2,000.00.
    const late = {
      ...clawback,
      deals: clawback.deals.map((d) => (d.id === 'acme' ? { ...d, cancelDate: '2026-06-09' } : d)),
    };
    expect(summary(run(late).statements)[1]).toEqual(['2026-Q2', false, '2000.00', null, ['commission q2 2000.00']]);
    const noWindow = { ...clawback, plans: [{ ...clawback.plans[0]!, clawbackDays: undefined }] };
    expect(summary(run(noWindow).statements)[1]![2]).toBe('2000.00');
  });

  it('in an open period the deal simply disappears (and a statement it alone made is gone)', () => {
    const open = { ...clawback, closed: [] };
    const out = run(open);
    expect(summary(out.statements)).toEqual([
      ['2026-Q1', false, '800.00', null, ['commission globex 800.00']],
      ['2026-Q2', false, '2000.00', null, ['commission q2 2000.00']],
    ]);
  });

  it('closing every statement exactly as computed gives no adjustment', () => {
    const open = run({ ...clawback, closed: [] });
    const closed = open.statements.map((s) => ({
      repId: s.repId,
      planId: s.planId,
      period: s.period,
      lines: s.lines.map((l) => ({
        dealId: l.dealId ?? null,
        componentId: l.componentId ?? null,
        kind: l.kind,
        tier: l.tier ?? null,
        amount: l.amount,
      })),
    }));
    const again = run({ ...clawback, closed });
    expect(again.statements.flatMap((s) => s.lines).filter((l) => l.kind === 'adjustment')).toEqual([]);
  });

  it('statementKeysOf a deal of a closed period names the open period its adjustment lands in', () => {
    const input = engineInput(clawback);
    expect(statementKeysOf(input, input.deals[0]!)).toEqual([
      { repId: 'ana', period: '2026-Q1' },
      { repId: 'ana', period: '2026-Q2' },
    ]);
    expect(summary(computeFor(input, [{ repId: 'ana', period: '2026-Q2' }]).statements)).toEqual([
      ['2026-Q2', false, '-2800.00', null, ['commission q2 2000.00', 'adjustment acme 2026-Q1 -4800.00']],
    ]);
  });

  it('compare of a new plan shows the adjustments the closed period would receive', () => {
    // 10 % instead of 8 %: Q1 is closed (5,600.00 either way) but is now due 10,000 × 10 % = 1,000.00
    // instead of 800.00 for globex (+200.00), and acme's −4,800.00 stays: Q1's adjustments go from
    // −4,800.00 to −4,600.00. Q2: 2,500.00 − 4,600.00 = −2,100.00 instead of −2,800.00.
    const input = engineInput(clawback);
    const result = compare(input, { ...input.plans[0]!, components: [{ id: 'base', type: 'percent', rate: '0.1' }] });
    expect(result.reps[0]!.statements).toEqual([
      {
        period: '2026-Q1',
        before: '5600.00',
        after: '5600.00',
        difference: '0.00',
        closed: true,
        adjustments: { before: '-4800.00', after: '-4600.00', difference: '200.00' },
      },
      { period: '2026-Q2', before: '-2800.00', after: '-2100.00', difference: '700.00', closed: false },
    ]);
  });
});

describe('v2 §6 draws and balances', () => {
  const ramp = {
    asOf: '2026-03-31',
    plans: [
      {
        id: 'ramp',
        currency: 'USD',
        period: 'month',
        draw: { amount: '5000', recoverable: true },
        components: [{ id: 'base', type: 'percent', rate: '0.1' }],
      },
    ],
    assignments: [{ repId: 'new', planId: 'ramp', from: '2026-01-01' }],
    deals: [
      { id: 'jan', ownerId: 'new', amount: '20000', closeDate: '2026-01-20', won: true },
      { id: 'feb', ownerId: 'new', amount: '90000', closeDate: '2026-02-11', won: true },
    ],
  };

  it('the spec example: a 5,000 recoverable draw, paid back from the next month', () => {
    // Jan: E = 2,000 < D = 5,000 → draw 3,000.00, total 5,000.00, B = 3,000.00.
    // Feb: E = 9,000, P = 9,000, r = min(3,000, 9,000 − 5,000) = 3,000 → recovery −3,000.00, total 6,000.00, B = 0.
    // Mar: no deal, but asOf 2026-03-31 makes the statement exist: E = 0 → draw 5,000.00, B = 5,000.00.
    expect(summary(run(ramp).statements)).toEqual([
      ['2026-01', false, '5000.00', '3000.00', ['commission jan 2000.00', 'draw 3000.00']],
      ['2026-02', false, '6000.00', '0.00', ['commission feb 9000.00', 'recovery -3000.00']],
      ['2026-03', false, '5000.00', '5000.00', ['draw 5000.00']],
    ]);
  });

  it('the spec example: a non-recoverable 1,000 draw and a −5,000 clawback adjustment carry 4,000 forward', () => {
    // Jan closed and paid a 5,000.00 commission on "big"; big is cancelled within 30 days, so in Feb
    // (E = 0): draw 1,000.00, A = −5,000.00, P = −4,000 → carry 4,000.00, total 0.00, B = 4,000.00.
    // Mar: E = 6,000 (60,000 × 10 %), P = 6,000, r = min(4,000, 6,000 − 1,000) = 4,000 → total 2,000.00, B = 0.
    const raw = {
      asOf: '2026-03-31',
      plans: [
        {
          id: 'm',
          currency: 'USD',
          period: 'month',
          clawbackDays: 30,
          draw: { amount: '1000', recoverable: false },
          components: [{ id: 'base', type: 'percent', rate: '0.1' }],
        },
      ],
      assignments: [{ repId: 'rep', planId: 'm', from: '2026-01-01' }],
      deals: [
        { id: 'big', ownerId: 'rep', amount: '50000', closeDate: '2026-01-15', won: true, cancelDate: '2026-02-01' },
        { id: 'mar', ownerId: 'rep', amount: '60000', closeDate: '2026-03-05', won: true },
      ],
      closed: [
        {
          repId: 'rep',
          planId: 'm',
          period: '2026-01',
          balance: '0',
          lines: [{ dealId: 'big', componentId: 'base', kind: 'commission', tier: null, amount: '5000.00' }],
        },
      ],
    };
    expect(summary(run(raw).statements)).toEqual([
      ['2026-01', true, '5000.00', '0.00', ['commission big 5000.00']],
      ['2026-02', false, '0.00', '4000.00', ['adjustment big 2026-01 -5000.00', 'draw 1000.00', 'carry 4000.00']],
      ['2026-03', false, '2000.00', '0.00', ['commission mar 6000.00', 'recovery -4000.00']],
    ]);
  });

  it('a draw is prorated by the days the assignment covers', () => {
    // Assignment from 2026-01-11: 21 of January's 31 days → 5,000 × 21 / 31 = 3,387.096… → 3,387.10.
    const out = run({ ...ramp, assignments: [{ repId: 'new', planId: 'ramp', from: '2026-01-11' }], deals: [] });
    expect(summary(out.statements)[0]).toEqual(['2026-01', false, '3387.10', '3387.10', ['draw 3387.10']]);
  });

  it('statementKeysOf a January deal dirties every later month the balance runs through', () => {
    const input = engineInput(ramp);
    expect(statementKeysOf(input, input.deals[0]!).map((k) => k.period)).toEqual(['2026-01', '2026-02', '2026-03']);
  });
});

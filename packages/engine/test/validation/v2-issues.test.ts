import { describe, expect, it } from 'vitest';
import { formatIssue, formatPath, validate } from '../../src/index.js';

const plan = (extra: Record<string, unknown> = {}) => ({
  id: 'ae',
  currency: 'USD',
  period: 'quarter',
  components: [{ id: 'base', type: 'percent', rate: '0.1' }],
  ...extra,
});
const issuesOf = (doc: Record<string, unknown>) => {
  const result = validate({ assignments: [], deals: [], ...doc });
  return result.ok ? [] : result.issues.map((issue) => [issue.code, formatPath(issue.path)]);
};

describe('v2 §9 bad input is refused as a whole, one issue per problem with its path', () => {
  it('plan versions', () => {
    expect(
      issuesOf({
        plans: [
          plan(),
          plan({ from: '2026-04-01' }),
          plan({ from: '2026-04-01' }), // duplicate (id, from)
          plan({ from: '2026-05-01' }), // not a quarter's first day
          plan({ from: '2026-07-01', currency: 'EUR' }), // another currency
          plan({ from: '2026-10-01', period: 'month' }), // another period
          plan(), // a second version without from
        ],
      }),
    ).toEqual([
      ['version_start', 'plans[3].from'],
      ['duplicate_id', 'plans[2].from'],
      ['version_mismatch', 'plans[4].currency'],
      ['version_mismatch', 'plans[5].period'],
      ['duplicate_id', 'plans[6].id'],
    ]);
  });

  it('plan fields: clawbackDays a whole number ≥ 0, draw amount ≥ 0, credit own or team', () => {
    expect(
      issuesOf({
        plans: [
          plan({ clawbackDays: -1 }),
          plan({ id: 'b', clawbackDays: 1.5 }),
          plan({ id: 'c', clawbackDays: '30' }),
          plan({ id: 'd', draw: { amount: '-1', recoverable: true } }),
          plan({ id: 'e', credit: 'everyone', prorateQuota: 'yes' }),
        ],
      }),
    ).toEqual([
      ['invalid_integer', 'plans[0].clawbackDays'],
      ['invalid_integer', 'plans[1].clawbackDays'],
      ['invalid_integer', 'plans[2].clawbackDays'],
      ['negative_not_allowed', 'plans[3].draw.amount'],
      ['invalid_option', 'plans[4].credit'],
      ['wrong_type', 'plans[4].prorateQuota'],
    ]);
  });

  it('managers: overlapping entries, a rep managing themselves, a loop', () => {
    expect(
      issuesOf({
        plans: [plan()],
        managers: [
          { repId: 'a', managerId: 'm', from: '2026-01-01' },
          { repId: 'a', managerId: 'n', from: '2026-06-01' },
          { repId: 'b', managerId: 'b', from: '2026-01-01' },
        ],
      }),
    ).toEqual([
      ['self_manager', 'managers[2].managerId'],
      ['overlapping_managers', 'managers[1]'],
    ]);
    // From 2026-07-01 m reports to a while a reports to m: a loop on that date only.
    const loop = validate({
      plans: [plan()],
      assignments: [],
      deals: [],
      managers: [
        { repId: 'a', managerId: 'm', from: '2026-01-01' },
        { repId: 'm', managerId: 'a', from: '2026-07-01' },
      ],
    });
    expect(loop.ok ? [] : loop.issues.map(formatIssue)).toEqual([
      'managers[1].managerId: on 2026-07-01 the reporting chain from "a" loops back to it: a manager cannot report to their own team',
    ]);
  });

  it('a cancel date before the close date', () => {
    expect(
      issuesOf({
        plans: [plan()],
        deals: [{ id: 'd', ownerId: 'a', amount: '1', closeDate: '2026-03-10', won: true, cancelDate: '2026-03-09' }],
      }),
    ).toEqual([['cancel_before_close', 'deals[0].cancelDate']]);
  });

  it('closed statements: duplicates, unknown plan, wrong period kind, negative balance, bad adjustment periods', () => {
    const line = { dealId: null, componentId: null, kind: 'bonus', tier: null, amount: '1' };
    expect(
      issuesOf({
        plans: [plan()],
        closed: [
          { repId: 'a', planId: 'ae', period: '2026-Q1', lines: [line] },
          { repId: 'a', planId: 'ae', period: '2026-Q1', lines: [] },
          { repId: 'a', planId: 'nope', period: '2026-Q1', lines: [] },
          { repId: 'a', planId: 'ae', period: '2026-02', lines: [] },
          { repId: 'b', planId: 'ae', period: '2026-Q2', balance: '-5', lines: [] },
          {
            repId: 'a',
            planId: 'ae',
            period: '2026-Q3',
            lines: [
              { ...line, kind: 'adjustment' },
              { ...line, kind: 'adjustment', ofPeriod: '2025-Q4' },
              { ...line, kind: 'adjustment', ofPeriod: '2026-Q1' },
            ],
          },
        ],
      }),
    ).toEqual([
      ['duplicate_closed', 'closed[1]'],
      ['unknown_plan', 'closed[2].planId'],
      ['invalid_period', 'closed[3].period'],
      ['negative_not_allowed', 'closed[4].balance'],
      ['adjustment_period', 'closed[5].lines[0].ofPeriod'],
      ['adjustment_period', 'closed[5].lines[1].ofPeriod'],
    ]);
  });

  it('asOf must be a date', () => {
    expect(issuesOf({ plans: [plan()], asOf: '2026-13-01' })).toEqual([['invalid_date', 'asOf']]);
  });
});

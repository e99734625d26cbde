import { computeFor, type Deal, validate } from '@attain/engine';
import { inputForKey, NoticeCode, statementKeysFor } from '@attain/store';
import { describe, expect, it } from 'vitest';
import { computeNotices, dealNotices } from '../../src/processors/deal-notices.js';

const deal = (fields: Partial<Deal>): Deal => ({
  id: '006A',
  ownerId: '005A',
  amount: '1000',
  closeDate: '2026-02-10',
  won: true,
  ...fields,
});

describe('dealNotices', () => {
  it('says NO_PLAN for each credited rep without a statement key, and nothing for lost deals', () => {
    const split = deal({
      splits: [
        { repId: '005A', percent: '60' },
        { repId: '005B', percent: '40' },
      ],
    });
    const notices = dealNotices('Opportunity', split, [{ repId: '005A', period: '2026-Q1' }]);
    expect(notices).toEqual([
      expect.objectContaining({ code: NoticeCode.noPlan, recordId: '006A', dealId: '006A', repId: '005B' }),
    ]);
    expect(notices[0]!.message).toContain('no plan assignment on 2026-02-10');
    expect(dealNotices('Opportunity', deal({ won: false }), [])).toEqual([]);
    expect(dealNotices('Opportunity', deal({}), [{ repId: '005A', period: '2026-Q1' }])).toEqual([]);
  });

  it('says NEGATIVE_AMOUNT (and not NO_PLAN) for a won deal with a negative amount', () => {
    const notices = dealNotices('Opportunity', deal({ amount: '-250.50', currency: 'EUR' }), []);
    expect(notices).toEqual([expect.objectContaining({ code: NoticeCode.negativeAmount, dealId: '006A' })]);
    expect(notices[0]!.message).toContain('-250.50 EUR');
  });
});

describe('computeNotices and the per-rep engine input', () => {
  const doc = {
    corporateCurrency: 'USD',
    plans: [
      {
        id: 'eu',
        currency: 'EUR',
        period: 'quarter',
        components: [{ id: 'base', type: 'percent', rate: '0.1' }],
      },
    ],
    assignments: [
      { repId: '005A', planId: 'eu', from: '2000-01-01' },
      { repId: '005B', planId: 'eu', from: '2000-01-01' },
    ],
    quotas: [
      { repId: '005A', period: '2026-Q1', amount: '1000' },
      { repId: '005B', period: '2026-Q1', amount: '1000' },
    ],
    deals: [],
  };

  it('turns the NO_RATE warnings of a computation into notices naming the deal', () => {
    const checked = validate(doc);
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    const key = { repId: '005A', period: '2026-Q1' };
    const usd = deal({ currency: 'USD' });
    const input = inputForKey(
      { generation: 1, base: checked.value, assignmentsByRep: new Map(), quotasByRep: new Map() },
      key,
      [usd],
    );
    expect(input.ok).toBe(true);
    if (!input.ok) return;
    // No assignments for the rep in this index: the deal routes nowhere — only to show the index is what is used.
    expect(computeFor(input.value, [key]).statements).toEqual([]);
    const full = computeFor({ ...checked.value, deals: [usd] }, [key]);
    const notices = computeNotices('Opportunity', full.warnings);
    expect(notices).toEqual([
      expect.objectContaining({
        code: NoticeCode.noRate,
        dealId: '006A',
        repId: '005A',
        planId: 'eu',
        period: '2026-Q1',
      }),
    ]);
  });

  it("gives computeFor the same statements from the rep's own assignments and quotas as from the whole input", () => {
    const checked = validate(doc);
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    const base = { ...checked.value, exchangeRates: [{ currency: 'EUR', rate: '0.8', from: '2000-01-01' }] };
    const inputs = {
      generation: 1,
      base,
      assignmentsByRep: new Map([
        ['005A', [base.assignments[0]!]],
        ['005B', [base.assignments[1]!]],
      ]),
      quotasByRep: new Map([
        ['005A', [base.quotas[0]!]],
        ['005B', [base.quotas[1]!]],
      ]),
    };
    const deals = [
      deal({
        currency: 'USD',
        splits: [
          { repId: '005A', percent: '50' },
          { repId: '005B', percent: '50' },
        ],
      }),
      deal({ id: '006B', amount: '300', currency: 'EUR' }),
    ];
    for (const repId of ['005A', '005B']) {
      const key = { repId, period: '2026-Q1' };
      const scoped = inputForKey(inputs, key, deals);
      if (!scoped.ok) throw new Error(scoped.message);
      const whole = computeFor({ ...base, deals }, [key]);
      expect(whole.statements.length).toBe(1);
      expect(computeFor(scoped.value, [key])).toEqual(whole);
    }
    expect(statementKeysFor(inputs, deals[0]!)).toEqual([
      { repId: '005A', period: '2026-Q1' },
      { repId: '005B', period: '2026-Q1' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { oneRep, onlyStatement, quarterlyPlan, run, wonDeal } from './helpers.js';

/** Ids of the deals a percent component with this filter pays on. */
function matching(filter: unknown, deals: Record<string, unknown>[]): string[] {
  const plan = quarterlyPlan([{ id: 'p', type: 'percent', rate: '0.1', filter }]);
  return onlyStatement(
    run(oneRep(plan, deals, { rates: [{ currency: 'EUR', rate: '0.9', from: '2026-01-01' }] })),
  ).lines.map((line) => line.dealId!);
}

const deals = [
  wonDeal('1000', {
    id: 'a',
    closeDate: '2026-01-10',
    fields: { family: 'Software', seats: 10, renewal: false, region: '100' },
  }),
  wonDeal('250.5', {
    id: 'b',
    closeDate: '2026-02-10',
    currency: 'EUR',
    fields: { family: 'Services', seats: '9', region: '20' },
  }),
  wonDeal('99', { id: 'c', closeDate: '2026-03-10', fields: { family: null } }),
  wonDeal('1000.00', { id: 'd', closeDate: '2026-03-20' }),
];

describe('filters', () => {
  it('eq / neq on text; a missing or null field matches only neq', () => {
    expect(matching({ field: 'fields.family', op: 'eq', value: 'Software' }, deals)).toEqual(['a']);
    expect(matching({ field: 'fields.family', op: 'neq', value: 'Software' }, deals)).toEqual(['b', 'c', 'd']);
  });

  it('in / notIn; missing fields match notIn only', () => {
    expect(matching({ field: 'fields.family', op: 'in', value: ['Software', 'Services'] }, deals)).toEqual(['a', 'b']);
    expect(matching({ field: 'fields.family', op: 'notIn', value: ['Software'] }, deals)).toEqual(['b', 'c', 'd']);
  });

  it('exists true/false (null counts as missing)', () => {
    expect(matching({ field: 'fields.family', op: 'exists', value: true }, deals)).toEqual(['a', 'b']);
    expect(matching({ field: 'fields.family', op: 'exists', value: false }, deals)).toEqual(['c', 'd']);
  });

  it('amount compares numerically, in the deal’s own currency', () => {
    // "1000.00" equals 1000; the EUR deal's own amount 250.5 is compared, not its USD conversion (278.33…).
    expect(matching({ field: 'amount', op: 'eq', value: 1000 }, deals)).toEqual(['a', 'd']);
    expect(matching({ field: 'amount', op: 'lt', value: '260' }, deals)).toEqual(['b', 'c']);
    expect(matching({ field: 'amount', op: 'in', value: ['99', 250.5] }, deals)).toEqual(['b', 'c']);
  });

  it('decimals compare as numbers, other text as text, dates by text', () => {
    // seats: 10 (number) and "9" (decimal text) compare numerically: only 10 > 9.5.
    expect(matching({ field: 'fields.seats', op: 'gt', value: 9.5 }, deals)).toEqual(['a']);
    // region "100" and "20": both decimal text, so numeric: 100 ≥ 50.
    expect(matching({ field: 'fields.region', op: 'gte', value: '50' }, deals)).toEqual(['a']);
    expect(matching({ field: 'closeDate', op: 'gte', value: '2026-02-10' }, deals)).toEqual(['b', 'c', 'd']);
    expect(matching({ field: 'fields.family', op: 'lt', value: 'Sf' }, deals)).toEqual(['b']); // "Services" < "Sf" < "Software"
  });

  it('booleans equal only booleans; currency defaults to the corporate currency; ownerId', () => {
    expect(matching({ field: 'fields.renewal', op: 'eq', value: false }, deals)).toEqual(['a']);
    expect(matching({ field: 'currency', op: 'eq', value: 'USD' }, deals)).toEqual(['a', 'c', 'd']);
    expect(matching({ field: 'ownerId', op: 'eq', value: 'rep' }, deals)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reads only the deal’s own fields (no inherited names such as toString)', () => {
    expect(matching({ field: 'fields.toString', op: 'exists', value: true }, deals)).toEqual([]);
    expect(matching({ field: 'fields.constructor', op: 'neq', value: 'x' }, deals)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('still reads own fields whose names Object.prototype also has, and numeric names', () => {
    const named = [
      wonDeal('10', { id: 'e', closeDate: '2026-01-10', fields: { toString: 'yes', 7: 'seven' } }),
      // JSON.parse makes "__proto__" an own field, not the prototype.
      wonDeal('10', { id: 'f', closeDate: '2026-01-11', fields: JSON.parse('{"__proto__":"yes"}') }),
    ];
    expect(matching({ field: 'fields.toString', op: 'eq', value: 'yes' }, named)).toEqual(['e']);
    expect(matching({ field: 'fields.__proto__', op: 'eq', value: 'yes' }, named)).toEqual(['f']);
    expect(matching({ field: 'fields.7', op: 'in', value: ['seven'] }, named)).toEqual(['e']);
  });

  it('all / any / not combine', () => {
    const software = { field: 'fields.family', op: 'eq', value: 'Software' };
    const small = { field: 'amount', op: 'lt', value: '500' };
    expect(matching({ any: [software, small] }, deals)).toEqual(['a', 'b', 'c']);
    expect(matching({ all: [{ not: software }, { not: small }] }, deals)).toEqual(['d']);
    expect(matching({ all: [] }, deals)).toEqual(['a', 'b', 'c', 'd']);
    expect(matching({ any: [] }, deals)).toEqual([]);
  });
});

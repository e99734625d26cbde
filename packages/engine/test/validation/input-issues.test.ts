import { describe, expect, it } from 'vitest';
import { formatIssue, type Issue, parseInput, validate } from '../../src/index.js';

const plan = {
  id: 'ae',
  currency: 'USD',
  period: 'quarter',
  components: [{ id: 'base', type: 'percent', rate: '0.1' }],
};
const deal = { id: 'd1', ownerId: 'rep', amount: '100', closeDate: '2026-02-01', won: true };

function doc(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    plans: [plan],
    assignments: [{ repId: 'rep', planId: 'ae', from: '2026-01-01' }],
    deals: [deal],
    ...overrides,
  };
}

/** `[code, path]` of every issue, for exact comparison. */
function issuesOf(input: unknown): [string, (string | number)[]][] {
  const result = validate(input);
  if (result.ok) return [];
  return result.issues.map((issue: Issue) => [issue.code, issue.path]);
}

describe('the document as a whole', () => {
  it('bad JSON is one invalid_json issue at the root', () => {
    const result = parseInput('{"plans": [');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: 'invalid_json', path: [] });
    expect(formatIssue(result.issues[0]!)).toMatch(/^not valid JSON: /);
  });

  it('a non-object document and missing lists are reported', () => {
    expect(issuesOf([])).toEqual([['wrong_type', []]]);
    expect(issuesOf({})).toEqual([
      ['missing_field', ['plans']],
      ['missing_field', ['assignments']],
      ['missing_field', ['deals']],
    ]);
    expect(issuesOf(doc({ quotas: {} }))).toEqual([['wrong_type', ['quotas']]]);
  });

  it('accepts a valid document, fills the defaults, and leaves the caller’s object untouched', () => {
    const raw = doc({ deals: [{ ...deal, amount: 12000.5 }] });
    const frozen = JSON.stringify(raw);
    const result = validate(raw);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.corporateCurrency).toBe('USD');
    expect(result.value.quotas).toEqual([]);
    expect(result.value.exchangeRates).toEqual([]);
    expect(result.value.deals[0]!.amount).toBe('12000.5');
    expect(JSON.stringify(raw)).toBe(frozen);
  });

  it('reports every issue at once, in document order', () => {
    const result = parseInput(
      JSON.stringify(
        doc({
          corporateCurrency: 'usd',
          assignments: [{ repId: 'rep', planId: 'nope', from: '2026-01-01' }],
          deals: [deal, deal, { ...deal, id: 'd3', amount: '12,000' }, { ...deal, id: 'd4', closeDate: '2026-02-30' }],
        }),
      ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(formatIssue)).toEqual([
      'corporateCurrency: "usd" is not a known ISO 4217 currency code',
      'assignments[0].planId: no plan has id "nope"',
      'deals[1].id: deal id "d1" is already used by deals[0]',
      'deals[2].amount: "12,000" is not a decimal',
      'deals[3].closeDate: "2026-02-30" is not a date (YYYY-MM-DD)',
    ]);
    expect(result.issues.map((i) => i.code)).toEqual([
      'unknown_currency',
      'unknown_plan',
      'duplicate_id',
      'invalid_decimal',
      'invalid_date',
    ]);
  });
});

describe('values', () => {
  it('malformed decimals: text with commas, exponents, a leading dot, booleans', () => {
    const deals = ['12,000', '1e3', '.5', '5.', '+5', ' 5', true].map((amount, i) => ({
      ...deal,
      id: `d${i}`,
      amount,
    }));
    expect(issuesOf(doc({ deals }))).toEqual(deals.map((_, i) => ['invalid_decimal', ['deals', i, 'amount']]));
  });

  it('dates must be real calendar dates in YYYY-MM-DD', () => {
    const dates = ['2026-02-29', '2026-13-01', '2026-04-31', '2026-1-05', '20260105', 20260105];
    const deals = dates.map((closeDate, i) => ({ ...deal, id: `d${i}`, closeDate }));
    expect(issuesOf(doc({ deals }))).toEqual(dates.map((_, i) => ['invalid_date', ['deals', i, 'closeDate']]));
    // 2028 is a leap year.
    expect(issuesOf(doc({ deals: [{ ...deal, closeDate: '2028-02-29' }] }))).toEqual([]);
  });

  it('currency codes must be known ISO 4217 codes', () => {
    expect(
      issuesOf(
        doc({
          plans: [{ ...plan, currency: 'XYZ' }],
          deals: [{ ...deal, currency: 'usd' }],
          exchangeRates: [{ currency: 'EURO', rate: '0.9', from: '2026-01-01' }],
        }),
      ),
    ).toEqual([
      ['unknown_currency', ['plans', 0, 'currency']],
      ['unknown_currency', ['deals', 0, 'currency']],
      ['unknown_currency', ['exchangeRates', 0, 'currency']],
    ]);
  });

  it('wrong types, missing and empty ids', () => {
    expect(
      issuesOf(
        doc({
          deals: [{ id: '', ownerId: 7, amount: '1', closeDate: '2026-01-01', won: 'yes', fields: { a: [1] } }, {}],
        }),
      ),
    ).toEqual([
      ['empty_id', ['deals', 0, 'id']],
      ['wrong_type', ['deals', 0, 'ownerId']],
      ['wrong_type', ['deals', 0, 'won']],
      ['wrong_type', ['deals', 0, 'fields', 'a']],
      ['missing_field', ['deals', 1, 'id']],
      ['missing_field', ['deals', 1, 'ownerId']],
      ['missing_field', ['deals', 1, 'amount']],
      ['missing_field', ['deals', 1, 'closeDate']],
      ['missing_field', ['deals', 1, 'won']],
    ]);
  });
});

describe('assignments, quotas, rates', () => {
  it('an assignment naming an unknown plan, ending before it starts, or overlapping another of the same rep', () => {
    const assignments = [
      { repId: 'rep', planId: 'ae', from: '2026-01-01', to: '2026-06-30' },
      { repId: 'rep', planId: 'ae', from: '2026-06-30' }, // overlaps on 2026-06-30 (inclusive ends)
      { repId: 'other', planId: 'ghost', from: '2026-01-01' },
      { repId: 'third', planId: 'ae', from: '2026-05-01', to: '2026-04-30' },
      { repId: 'other', planId: 'ae', from: '2025-01-01', to: '2025-12-31' }, // touches nothing: fine
    ];
    expect(issuesOf(doc({ assignments }))).toEqual([
      ['unknown_plan', ['assignments', 2, 'planId']],
      ['assignment_ends_before_start', ['assignments', 3, 'to']],
      ['overlapping_assignments', ['assignments', 1]],
    ]);
  });

  it('an open-ended assignment overlaps every later one of the rep', () => {
    const assignments = [
      { repId: 'rep', planId: 'ae', from: '2026-01-01' },
      { repId: 'rep', planId: 'ae', from: '2027-01-01', to: '2027-03-31' },
    ];
    const result = validate(doc({ assignments }));
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      'assignments[1]: rep "rep" is assigned 2027-01-01 to 2027-03-31, which overlaps assignments[0] (2026-01-01 to open end)',
    ]);
  });

  it('quotas: malformed period ids, duplicates per (rep, period), negative amounts', () => {
    const quotas = [
      { repId: 'rep', period: '2026-Q5', amount: '1' },
      { repId: 'rep', period: '2026-13', amount: '1' },
      { repId: 'rep', period: '26', amount: '1' },
      { repId: 'rep', period: '2026-Q1', amount: '1' },
      { repId: 'rep', period: '2026-Q1', amount: '2' },
      { repId: 'rep', period: '2026-02', amount: '-1' },
    ];
    expect(issuesOf(doc({ quotas }))).toEqual([
      ['invalid_period', ['quotas', 0, 'period']],
      ['invalid_period', ['quotas', 1, 'period']],
      ['invalid_period', ['quotas', 2, 'period']],
      ['duplicate_quota', ['quotas', 4]],
      ['negative_not_allowed', ['quotas', 5, 'amount']],
    ]);
  });

  it('exchange rates must be above zero and unique per (currency, from)', () => {
    const exchangeRates = [
      { currency: 'EUR', rate: '0', from: '2026-01-01' },
      { currency: 'EUR', rate: '0.9', from: '2026-02-01' },
      { currency: 'EUR', rate: '0.8', from: '2026-02-01' },
      { currency: 'GBP', rate: '-1', from: '2026-02-01' },
    ];
    expect(issuesOf(doc({ exchangeRates }))).toEqual([
      ['rate_not_positive', ['exchangeRates', 0, 'rate']],
      ['duplicate_rate', ['exchangeRates', 2]],
      ['rate_not_positive', ['exchangeRates', 3, 'rate']],
    ]);
  });
});

describe('deals', () => {
  it('split percents must be in (0, 100]', () => {
    const splits = ['0', '100.01', '-5', '100', '0.001'].map((percent, i) => ({ repId: `r${i}`, percent }));
    expect(issuesOf(doc({ deals: [{ ...deal, splits }] }))).toEqual([
      ['split_percent_out_of_range', ['deals', 0, 'splits', 0, 'percent']],
      ['split_percent_out_of_range', ['deals', 0, 'splits', 1, 'percent']],
      ['split_percent_out_of_range', ['deals', 0, 'splits', 2, 'percent']],
    ]);
  });

  it('a deal may not name the same rep in two splits', () => {
    const splits = [
      { repId: 'a', percent: '50' },
      { repId: 'b', percent: '25' },
      { repId: 'a', percent: '25' },
    ];
    const result = validate(doc({ deals: [{ ...deal, splits }] }));
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      'deals[0].splits[2].repId: rep "a" already has splits[0] on this deal',
    ]);
    expect(issuesOf(doc({ deals: [{ ...deal, splits }] }))).toEqual([
      ['duplicate_split_rep', ['deals', 0, 'splits', 2, 'repId']],
    ]);
  });

  it('duplicate deal ids are reported at each repeat', () => {
    expect(issuesOf(doc({ deals: [deal, { ...deal }, { ...deal }] }))).toEqual([
      ['duplicate_id', ['deals', 1, 'id']],
      ['duplicate_id', ['deals', 2, 'id']],
    ]);
  });

  it('split percents given as JSON numbers are normalized to decimal text', () => {
    const result = validate(doc({ deals: [{ ...deal, splits: [{ repId: 'rep', percent: 60 }] }] }));
    expect(result.ok && result.value.deals[0]!.splits).toEqual([{ repId: 'rep', percent: '60' }]);
  });
});

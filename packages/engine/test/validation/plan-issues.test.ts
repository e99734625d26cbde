import { describe, expect, it } from 'vitest';
import { formatIssue, formatPath, type Issue, validate, validatePlan, validateWhatIfDeal } from '../../src/index.js';

function planIssues(plan: unknown): [string, (string | number)[]][] {
  const result = validatePlan(plan);
  return result.ok ? [] : result.issues.map((issue: Issue) => [issue.code, issue.path]);
}

const base = { id: 'ae', currency: 'USD', period: 'quarter' };
const tiered = (tiers: unknown[]) => ({
  ...base,
  components: [{ id: 't', type: 'tiered', basis: 'attainment', mode: 'marginal', tiers }],
});
const withFilter = (filter: unknown) => ({ ...base, components: [{ id: 'p', type: 'percent', rate: '0.1', filter }] });

describe('plans and components', () => {
  it('a valid plan comes back normalized (numbers to decimal text)', () => {
    const result = validatePlan({ ...base, cap: 1000, components: [{ id: 'p', type: 'percent', rate: 0.1 }] });
    expect(result).toEqual({
      ok: true,
      value: { ...base, cap: '1000', components: [{ id: 'p', type: 'percent', rate: '0.1' }] },
    });
  });

  it('enumerations, missing fields and an empty component list', () => {
    expect(planIssues({ id: 'ae', currency: 'USD', period: 'week', components: [] })).toEqual([
      ['invalid_option', ['period']],
      ['no_components', ['components']],
    ]);
    expect(
      planIssues({
        ...base,
        components: [
          { id: 'a', type: 'flat' },
          { id: 'b', type: 'percent' },
          { id: 'c', type: 'bonus', per: 'week', amount: '1' },
          { id: 'd', type: 'tiered', basis: 'volume', mode: 'marginal', tiers: [{ rate: '0.1' }] },
        ],
      }),
    ).toEqual([
      ['invalid_option', ['components', 0, 'type']],
      ['missing_field', ['components', 1, 'rate']],
      ['invalid_option', ['components', 2, 'per']],
      ['invalid_option', ['components', 3, 'basis']],
    ]);
  });

  it('duplicate component ids within a plan', () => {
    const component = { id: 'p', type: 'percent', rate: '0.1' };
    expect(planIssues({ ...base, components: [component, component] })).toEqual([
      ['duplicate_id', ['components', 1, 'id']],
    ]);
  });

  it('duplicate plan ids in a document', () => {
    const plan = { ...base, components: [{ id: 'p', type: 'percent', rate: '0.1' }] };
    const result = validate({ plans: [plan, plan], assignments: [], deals: [] });
    expect(result.ok ? [] : result.issues.map((i) => [i.code, formatPath(i.path)])).toEqual([
      ['duplicate_id', 'plans[1].id'],
    ]);
  });

  it('negative caps are refused; a misspelled known field is caught, other extra fields are tolerated', () => {
    expect(
      planIssues({
        ...base,
        cap: '-1',
        owner: 'sales-ops',
        components: [{ id: 'p', type: 'percent', rate: '0.1', minattainment: '0.5', cap: '-5', note: 'ok' }],
      }),
    ).toEqual([
      ['negative_not_allowed', ['cap']],
      ['misspelled_field', ['components', 0, 'minattainment']],
      ['negative_not_allowed', ['components', 0, 'cap']],
    ]);
  });
});

describe('tiers', () => {
  it('bounds must increase strictly', () => {
    expect(
      planIssues(
        tiered([{ upTo: '1', rate: '0.1' }, { upTo: '1', rate: '0.2' }, { upTo: '0.5', rate: '0.3' }, { rate: '0.4' }]),
      ),
    ).toEqual([
      ['tiers_out_of_order', ['components', 0, 'tiers', 1, 'upTo']],
      ['tiers_out_of_order', ['components', 0, 'tiers', 2, 'upTo']],
    ]);
  });

  it('bounds must be above zero', () => {
    expect(planIssues(tiered([{ upTo: '0', rate: '0.1' }, { upTo: '-1', rate: '0.1' }, { rate: '0.2' }]))).toEqual([
      ['tier_bound_not_positive', ['components', 0, 'tiers', 0, 'upTo']],
      ['tier_bound_not_positive', ['components', 0, 'tiers', 1, 'upTo']],
    ]);
  });

  it('the last tier has no upTo, every other tier has one, and there is at least one tier', () => {
    expect(planIssues(tiered([{ rate: '0.1' }, { upTo: '2', rate: '0.2' }]))).toEqual([
      ['tier_bound_missing', ['components', 0, 'tiers', 0, 'upTo']],
      ['last_tier_bound', ['components', 0, 'tiers', 1, 'upTo']],
    ]);
    expect(planIssues(tiered([]))).toEqual([['no_tiers', ['components', 0, 'tiers']]]);
    expect(planIssues(tiered([{ rate: '0.1' }]))).toEqual([]); // a single open tier is a flat rate
  });
});

describe('filters', () => {
  it('an unknown filter form, or one mixing forms', () => {
    expect(planIssues(withFilter({ where: 'x' }))).toEqual([['invalid_filter', ['components', 0, 'filter']]]);
    expect(
      planIssues(
        withFilter({ field: 'amount', op: 'gt', value: '1', not: { field: 'currency', op: 'eq', value: 'USD' } }),
      ),
    ).toEqual([['invalid_filter', ['components', 0, 'filter']]]);
    expect(planIssues(withFilter({ all: { field: 'amount', op: 'gt', value: '1' } }))).toEqual([
      ['invalid_filter', ['components', 0, 'filter', 'all']],
    ]);
  });

  it('unknown fields and ops', () => {
    expect(planIssues(withFilter({ field: 'stage', op: 'eq', value: 'x' }))).toEqual([
      ['invalid_filter_field', ['components', 0, 'filter', 'field']],
    ]);
    expect(planIssues(withFilter({ field: 'fields.', op: 'eq', value: 'x' }))).toEqual([
      ['invalid_filter_field', ['components', 0, 'filter', 'field']],
    ]);
    expect(planIssues(withFilter({ field: 'currency', op: 'like', value: 'U%' }))).toEqual([
      ['invalid_filter_op', ['components', 0, 'filter', 'op']],
    ]);
  });

  it('value type mismatches: in/notIn need a list, exists a boolean, others a single value', () => {
    const issues = planIssues({
      ...base,
      quotaFilter: {
        all: [
          { field: 'fields.type', op: 'in', value: 'New' },
          { field: 'fields.type', op: 'exists', value: 'yes' },
          { field: 'fields.type', op: 'eq', value: ['a', 'b'] },
          { field: 'fields.type', op: 'gt', value: true },
          { field: 'fields.type', op: 'eq', value: null },
          { field: 'amount', op: 'gte', value: '10k' },
          { field: 'closeDate', op: 'lt', value: '2026-02-30' },
          { field: 'currency', op: 'notIn', value: ['USD', 'eur'] },
          { field: 'fields.type', op: 'eq' },
        ],
      },
      components: [{ id: 'p', type: 'percent', rate: '0.1' }],
    });
    expect(issues).toEqual([
      ['filter_value_mismatch', ['quotaFilter', 'all', 0, 'value']],
      ['filter_value_mismatch', ['quotaFilter', 'all', 1, 'value']],
      ['filter_value_mismatch', ['quotaFilter', 'all', 2, 'value']],
      ['filter_value_mismatch', ['quotaFilter', 'all', 3, 'value']],
      ['filter_value_mismatch', ['quotaFilter', 'all', 4, 'value']],
      ['invalid_decimal', ['quotaFilter', 'all', 5, 'value']],
      ['invalid_date', ['quotaFilter', 'all', 6, 'value']],
      ['unknown_currency', ['quotaFilter', 'all', 7, 'value', 1]],
      ['missing_field', ['quotaFilter', 'all', 8, 'value']],
    ]);
  });
});

describe('filter depth', () => {
  const nested = (levels: number, form: 'not' | 'all' = 'not'): unknown => {
    let filter: unknown = { field: 'amount', op: 'gt', value: '0' };
    for (let i = 1; i < levels; i++) filter = form === 'not' ? { not: filter } : { all: [filter] };
    return filter;
  };

  it('32 levels are fine, 33 are filter_too_deep at the first level too deep', () => {
    expect(validatePlan(withFilter(nested(32))).ok).toBe(true);
    expect(validatePlan(withFilter(nested(32, 'all'))).ok).toBe(true);
    const result = validatePlan(withFilter(nested(33)));
    expect(result.ok ? [] : result.issues).toEqual([
      {
        code: 'filter_too_deep',
        path: ['components', 0, 'filter', ...Array(32).fill('not')],
        message: 'filters nest at most 32 levels deep (all/any/not inside one another); flatten this one',
      },
    ]);
  });

  it('a filter 4,000 levels deep is an issue, not a stack overflow', () => {
    const plan = { ...base, quotaFilter: nested(4000, 'all'), components: [{ id: 'p', type: 'percent', rate: '0.1' }] };
    expect(planIssues(plan)).toEqual([['filter_too_deep', ['quotaFilter', ...Array(32).fill(['all', 0]).flat()]]]);
    expect(planIssues(withFilter(nested(4000)))).toEqual([
      ['filter_too_deep', ['components', 0, 'filter', ...Array(32).fill('not')]],
    ]);
  });
});

describe('what-if deals', () => {
  it('fills id, owner, won and currency when absent', () => {
    expect(validateWhatIfDeal({ amount: 5000, closeDate: '2026-03-01' }, 'rep', 'EUR')).toEqual({
      ok: true,
      value: { id: 'what-if', ownerId: 'rep', won: true, currency: 'EUR', amount: '5000', closeDate: '2026-03-01' },
    });
  });

  it('reports problems with paths from the deal itself', () => {
    const result = validateWhatIfDeal(
      { amount: '5,000', closeDate: 'soon', splits: [{ repId: 'rep', percent: '0' }] },
      'rep',
      'USD',
    );
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      'amount: "5,000" is not a decimal',
      'closeDate: "soon" is not a date (YYYY-MM-DD)',
      'splits[0].percent: a split percent must be above 0 and at most 100, got "0"',
    ]);
  });
});

describe('paths', () => {
  it('formats JSON paths the way people write them', () => {
    expect(formatPath(['deals', 3, 'amount'])).toBe('deals[3].amount');
    expect(formatPath(['deals', 0, 'fields', 'Close Reason'])).toBe('deals[0].fields["Close Reason"]');
    expect(formatPath([])).toBe('');
    expect(
      formatIssue({ code: 'invalid_decimal', path: ['deals', 3, 'amount'], message: '"12,000" is not a decimal' }),
    ).toBe('deals[3].amount: "12,000" is not a decimal');
  });
});

import { compare, parseValidDecimal } from '../money/decimal.js';
import type { Component, PeriodKind, Plan, Tier } from '../types.js';
import { describeValue, IssueCode, type IssueList, type Path } from './issues.js';
import { expectObject, isJsonObject, ObjectReader } from './reader.js';
import { validateFilter } from './validate-filter.js';
import { PLAN_V2_KEYS, readPlanV2Fields } from './validate-v2.js';

const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'year'];
const COMPONENT_TYPES = ['percent', 'tiered', 'bonus'] as const;
const PLAN_KEYS = ['id', 'name', 'description', 'currency', 'period', 'quotaFilter', 'cap', 'components'];
const COMMON_KEYS = ['id', 'name', 'description', 'type', 'filter', 'minAttainment', 'cap'];
const TYPE_KEYS = { percent: ['rate'], tiered: ['basis', 'mode', 'tiers'], bonus: ['per', 'amount'] } as const;

function validateTiers(issues: IssueList, reader: ObjectReader): Tier[] | undefined {
  const list = reader.array('tiers', true, 'a list of tiers');
  if (list === undefined) return undefined;
  if (list.length === 0) {
    issues.add(IssueCode.noTiers, reader.at('tiers'), 'at least one tier is required');
    return undefined;
  }
  const tiers: Tier[] = [];
  let ok = true;
  let previousBound: string | undefined;
  list.forEach((item, index) => {
    const path: Path = reader.at('tiers').concat(index);
    if (!expectObject(issues, item, path, 'a tier')) {
      ok = false;
      return;
    }
    const tier = new ObjectReader(issues, item, path);
    tier.checkSpelling(['upTo', 'rate']);
    const rate = tier.decimal('rate', true, 'a rate');
    const last = index === list.length - 1;
    let upTo: string | undefined;
    if (last) {
      if (tier.has('upTo')) {
        issues.add(IssueCode.lastTierBound, tier.at('upTo'), 'the last tier is open-ended: remove its "upTo"');
        ok = false;
      }
    } else if (!tier.has('upTo')) {
      issues.add(IssueCode.tierBoundMissing, tier.at('upTo'), 'every tier but the last needs an "upTo"');
      ok = false;
    } else {
      upTo = tier.decimal('upTo', true, 'a tier bound');
      if (upTo !== undefined) {
        const bound = parseValidDecimal(upTo);
        if (bound.units <= 0n) {
          issues.add(IssueCode.tierBoundNotPositive, tier.at('upTo'), `a tier bound must be above 0, got "${upTo}"`);
          ok = false;
        } else if (previousBound !== undefined && compare(bound, parseValidDecimal(previousBound)) <= 0) {
          issues.add(
            IssueCode.tiersOutOfOrder,
            tier.at('upTo'),
            `tier bounds must increase: "${upTo}" does not exceed the previous "${previousBound}"`,
          );
          ok = false;
        }
        if (bound.units > 0n) previousBound = upTo;
      } else ok = false;
    }
    if (rate === undefined) ok = false;
    else tiers.push(upTo === undefined ? { rate } : { upTo, rate });
  });
  return ok ? tiers : undefined;
}

function validateComponent(issues: IssueList, item: unknown, path: Path): Component | undefined {
  if (!expectObject(issues, item, path, 'a component')) return undefined;
  const reader = new ObjectReader(issues, item, path);
  const before = issues.issues.length;
  const id = reader.id('id', 'a component id');
  const type = reader.option('type', COMPONENT_TYPES, true);
  reader.checkSpelling([...COMMON_KEYS, ...(type ? TYPE_KEYS[type] : [])]);
  const filter = reader.has('filter') ? validateFilter(issues, item.filter, reader.at('filter')) : undefined;
  const minAttainment = reader.decimal('minAttainment', false, 'a minimum attainment');
  const cap = reader.nonNegativeDecimal('cap', false, 'a cap');
  let component: Component | undefined;
  if (type === 'percent') {
    const rate = reader.decimal('rate', true, 'a rate');
    if (rate !== undefined && id !== undefined) component = { id, type, rate };
  } else if (type === 'tiered') {
    const basis = reader.option('basis', ['attainment', 'amount'] as const, true);
    const mode = reader.option('mode', ['marginal', 'retroactive'] as const, true);
    const tiers = validateTiers(issues, reader);
    if (basis && mode && tiers && id !== undefined) component = { id, type, basis, mode, tiers };
  } else if (type === 'bonus') {
    const per = reader.option('per', ['deal', 'period'] as const, true);
    const amount = reader.decimal('amount', true, 'a bonus amount');
    if (per && amount !== undefined && id !== undefined) component = { id, type, per, amount };
  }
  if (component === undefined || issues.issues.length > before) return undefined;
  if (filter !== undefined) component.filter = filter;
  if (minAttainment !== undefined) component.minAttainment = minAttainment;
  if (cap !== undefined) component.cap = cap;
  return component;
}

/**
 * Validates one Plan at `path` (`['plans', 0]` inside an input document, `[]` on its own).
 * Returns a clean, normalized copy (JSON numbers turned into decimal text) or undefined.
 */
export function validatePlanAt(issues: IssueList, doc: unknown, path: Path): Plan | undefined {
  if (!expectObject(issues, doc, path, 'a plan')) return undefined;
  const reader = new ObjectReader(issues, doc, path);
  reader.checkSpelling([...PLAN_KEYS, ...PLAN_V2_KEYS]);
  const before = issues.issues.length;
  const v2: Partial<Plan> = {};
  readPlanV2Fields(issues, reader, v2);
  const id = reader.id('id', 'a plan id');
  const name = reader.string('name', false);
  reader.string('description', false);
  const currency = reader.currency('currency', true);
  const period = reader.option('period', PERIOD_KINDS, true);
  const quotaFilter = reader.has('quotaFilter')
    ? validateFilter(issues, doc.quotaFilter, reader.at('quotaFilter'))
    : undefined;
  const cap = reader.nonNegativeDecimal('cap', false, 'a cap');
  const list = reader.array('components', true, 'a list of components');
  const components: Component[] = [];
  if (list !== undefined) {
    if (list.length === 0) {
      issues.add(IssueCode.noComponents, reader.at('components'), 'a plan needs at least one component');
    }
    const seen = new Map<string, number>();
    list.forEach((item, index) => {
      const componentPath = reader.at('components').concat(index);
      const component = validateComponent(issues, item, componentPath);
      // Duplicates are checked on the raw id, so a component with other problems still counts.
      const componentId = isJsonObject(item) ? item.id : undefined;
      if (typeof componentId === 'string' && componentId !== '') {
        const first = seen.get(componentId);
        if (first !== undefined) {
          issues.add(
            IssueCode.duplicateId,
            componentPath.concat('id'),
            `component id ${describeValue(componentId)} is already used by components[${first}]`,
          );
        } else seen.set(componentId, index);
      }
      if (component) components.push(component);
    });
  }
  if (issues.issues.length > before || id === undefined || currency === undefined || period === undefined)
    return undefined;
  const plan: Plan = { id, currency, period, components };
  if (name !== undefined) plan.name = name;
  if (quotaFilter !== undefined) plan.quotaFilter = quotaFilter;
  if (cap !== undefined) plan.cap = cap;
  Object.assign(plan, v2);
  return plan;
}

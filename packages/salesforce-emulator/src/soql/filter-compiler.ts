/**
 * Compiles a WHERE condition into one closure per query: fields are resolved, literals checked
 * against the field type and converted to keys, LIKE patterns turned into regexes, date literals
 * into ranges, semi-joins run — all before the first row is seen.
 *
 * Logic is two-valued as in SOQL: a comparison with an empty field is simply false, so
 * `Amount != 5` and `NOT (Amount > 5)` both match rows without an Amount.
 */
import type { SObjectRecord } from '../schema/types.js';
import type { ComparisonOperator, Condition, Literal, SoqlQuery } from './ast.js';
import { DAY_MS, resolveDateLiteral } from './date-literals.js';
import { type ResolvedField, type ResolveScope, resolveComparableField } from './field-resolver.js';
import {
  canonicalDateTime,
  Domain,
  domainOf,
  idKey,
  isCaseSensitive,
  type Key,
  keyFunctionFor,
  multipicklistSet,
  parseDateTimeMs,
  parseDayNumber,
  typeNameOf,
} from './field-values.js';
import { SoqlError, SoqlErrorCode, SoqlMessages } from './soql-error.js';

export type Predicate = (row: SObjectRecord) => boolean;

/** A date-literal range bound: a day number (date fields) or a canonical datetime string. */
type Bound = number | string;

export interface FilterScope extends ResolveScope {
  now: Date;
  /** Runs `Field IN (SELECT Id FROM …)`'s inner query; returns the selected ids as id keys (see idKey). */
  semiJoin(query: SoqlQuery): Set<string>;
}

const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;

export function compileCondition(condition: Condition, scope: FilterScope): Predicate {
  switch (condition.kind) {
    case 'and': {
      const terms = condition.terms.map((term) => compileCondition(term, scope));
      return (row) => terms.every((term) => term(row));
    }
    case 'or': {
      const terms = condition.terms.map((term) => compileCondition(term, scope));
      return (row) => terms.some((term) => term(row));
    }
    case 'not': {
      const term = compileCondition(condition.term, scope);
      return (row) => !term(row);
    }
    case 'compare':
      return compileComparison(
        resolveComparableField(condition.field, scope, 'filtered'),
        condition.operator,
        condition.value,
        scope,
      );
    case 'like':
      return compileLike(resolveComparableField(condition.field, scope, 'filtered'), condition.value, scope);
    case 'in':
      return compileIn(
        resolveComparableField(condition.field, scope, 'filtered'),
        condition.values,
        condition.negated,
        scope,
      );
    case 'inQuery':
      return compileSemiJoin(
        resolveComparableField(condition.field, scope, 'filtered'),
        condition.query,
        condition.negated,
        scope,
      );
    case 'includes':
      return compileIncludes(
        resolveComparableField(condition.field, scope, 'filtered'),
        condition.values,
        condition.negated,
        scope,
      );
  }
}

function compileComparison(
  resolved: ResolvedField,
  operator: ComparisonOperator,
  literal: Literal,
  scope: FilterScope,
): Predicate {
  const read = resolved.read;
  const key = keyFunctionFor(resolved.field);
  if (literal.kind === 'null') {
    if (operator === '=') return (row) => key(read(row)) === null;
    if (operator === '!=') return (row) => key(read(row)) !== null;
    return () => false;
  }
  if (literal.kind === 'dateLiteral') {
    const [start, end] = dateLiteralBounds(resolved, literal, scope);
    return rangePredicate(operator, (row) => key(read(row)) as Bound | null, start, end);
  }
  if (domainOf(resolved.field) === Domain.multipicklist && (operator === '=' || operator === '!=')) {
    const target = multipicklistSet(literalKey(resolved, literal, scope));
    const equal = (row: SObjectRecord) => sameSet(multipicklistSet(read(row)), target);
    return operator === '=' ? equal : (row) => !equal(row);
  }
  const target = literalKey(resolved, literal, scope);
  switch (operator) {
    case '=':
      return (row) => key(read(row)) === target;
    case '!=':
      return (row) => key(read(row)) !== target;
    case '<':
      return (row) => {
        const value = key(read(row));
        return value !== null && (value as number) < (target as number);
      };
    case '<=':
      return (row) => {
        const value = key(read(row));
        return value !== null && (value as number) <= (target as number);
      };
    case '>':
      return (row) => {
        const value = key(read(row));
        return value !== null && (value as number) > (target as number);
      };
    case '>=':
      return (row) => {
        const value = key(read(row));
        return value !== null && (value as number) >= (target as number);
      };
  }
}

/**
 * A date literal is a range [start, end): `=` means inside it, `<` before its start, `>` after its
 * end, `<=` before its end, `>=` from its start — Salesforce's reading of `CloseDate > LAST_MONTH`.
 */
function rangePredicate(
  operator: ComparisonOperator,
  valueAt: (row: SObjectRecord) => Bound | null,
  start: Bound,
  end: Bound,
): Predicate {
  const test: Record<ComparisonOperator, (value: Bound) => boolean> = {
    '=': (value) => value >= start && value < end,
    '!=': (value) => value < start || value >= end,
    '<': (value) => value < start,
    '<=': (value) => value < end,
    '>': (value) => value >= end,
    '>=': (value) => value >= start,
  };
  const check = test[operator];
  if (operator === '!=') {
    return (row) => {
      const value = valueAt(row);
      return value === null || check(value);
    };
  }
  return (row) => {
    const value = valueAt(row);
    return value !== null && check(value);
  };
}

/** The literal's range in the field's key space: day numbers for dates, canonical strings for datetimes. */
function dateLiteralBounds(
  resolved: ResolvedField,
  literal: Extract<Literal, { kind: 'dateLiteral' }>,
  scope: FilterScope,
): [Bound, Bound] {
  const domain = domainOf(resolved.field);
  if (domain !== Domain.date && domain !== Domain.datetime) throw wrongLiteral(resolved, literal, scope);
  const range = resolveDateLiteral(literal.name, literal.n, scope.now);
  if (domain === Domain.date) return [range.start, range.end];
  return [canonicalDateTime(range.start * DAY_MS), canonicalDateTime(range.end * DAY_MS)];
}

/** Checks the literal against the field's type (Salesforce's errors) and returns its comparison key. */
function literalKey(resolved: ResolvedField, literal: Literal, scope: FilterScope): Key {
  const field = resolved.field;
  switch (domainOf(field)) {
    case Domain.id:
      if (literal.kind !== 'string') throw wrongLiteral(resolved, literal, scope);
      if (!ID_SHAPE.test(literal.value)) {
        throw SoqlError.at(
          SoqlErrorCode.invalidQueryFilterOperator,
          scope.text,
          literal.offset,
          SoqlMessages.invalidId(literal.value),
        );
      }
      return idKey(literal.value);
    case Domain.text:
    case Domain.multipicklist:
      if (literal.kind !== 'string') throw wrongLiteral(resolved, literal, scope);
      if (literal.value === '') return null;
      return isCaseSensitive(field) ? literal.value : literal.value.toLowerCase();
    case Domain.number:
      if (literal.kind !== 'number') throw wrongLiteral(resolved, literal, scope);
      return literal.value;
    case Domain.boolean:
      if (literal.kind !== 'boolean') throw wrongLiteral(resolved, literal, scope);
      return literal.value;
    case Domain.date:
      if (literal.kind !== 'date') throw wrongLiteral(resolved, literal, scope);
      return parseDayNumber(literal.text);
    case Domain.datetime:
      if (literal.kind !== 'datetime') throw wrongLiteral(resolved, literal, scope);
      return canonicalDateTime(parseDateTimeMs(literal.text)!);
  }
}

function wrongLiteral(resolved: ResolvedField, literal: Literal, scope: FilterScope): SoqlError {
  const typeName = typeNameOf(resolved.field);
  const quoted = typeName === 'string' || typeName === 'id';
  return SoqlError.at(
    SoqlErrorCode.invalidQueryFilterOperator,
    scope.text,
    literal.offset,
    SoqlMessages.wrongLiteralType(resolved.field.name, typeName, quoted),
  );
}

function compileLike(resolved: ResolvedField, literal: Literal, scope: FilterScope): Predicate {
  const domain = domainOf(resolved.field);
  if (domain !== Domain.text && domain !== Domain.id && domain !== Domain.multipicklist) {
    throw SoqlError.at(
      SoqlErrorCode.invalidQueryFilterOperator,
      scope.text,
      literal.offset,
      `invalid operator on field '${resolved.field.name}': LIKE only applies to text fields`,
    );
  }
  if (literal.kind !== 'string') throw wrongLiteral(resolved, literal, scope);
  let source = '';
  for (const piece of literal.pieces) {
    if ('text' in piece) source += piece.text.replace(REGEX_SPECIALS, '\\$&');
    else source += piece.wildcard === '%' ? '[\\s\\S]*' : '[\\s\\S]';
  }
  const pattern = new RegExp(`^${source}$`, isCaseSensitive(resolved.field) ? '' : 'i');
  const read = resolved.read;
  return (row) => {
    const value = read(row);
    return value !== null && value !== undefined && value !== '' && pattern.test(String(value));
  };
}

function compileIn(resolved: ResolvedField, values: Literal[], negated: boolean, scope: FilterScope): Predicate {
  const read = resolved.read;
  const key = keyFunctionFor(resolved.field);
  const keys = new Set<Key>();
  const ranges: [Bound, Bound][] = [];
  const sets: Set<string>[] = [];
  let matchesNull = false;
  const multipicklist = domainOf(resolved.field) === Domain.multipicklist;
  for (const literal of values) {
    if (literal.kind === 'null') matchesNull = true;
    else if (literal.kind === 'dateLiteral') ranges.push(dateLiteralBounds(resolved, literal, scope));
    else if (multipicklist) sets.push(multipicklistSet(literalKey(resolved, literal, scope)));
    else {
      const literalValue = literalKey(resolved, literal, scope);
      if (literalValue === null) matchesNull = true;
      else keys.add(literalValue);
    }
  }
  const member = (row: SObjectRecord): boolean => {
    if (multipicklist) {
      const selected = multipicklistSet(read(row));
      if (selected.size === 0) return matchesNull;
      return sets.some((set) => sameSet(set, selected));
    }
    const value = key(read(row));
    if (value === null) return matchesNull;
    if (keys.has(value)) return true;
    return ranges.some(([start, end]) => (value as Bound) >= start && (value as Bound) < end);
  };
  return negated ? (row) => !member(row) : member;
}

function compileSemiJoin(resolved: ResolvedField, query: SoqlQuery, negated: boolean, scope: FilterScope): Predicate {
  if (domainOf(resolved.field) !== Domain.id) {
    throw SoqlError.at(
      SoqlErrorCode.invalidQueryFilterOperator,
      scope.text,
      query.from.offset,
      `semi join sub-selects are only allowed on ID fields, not on '${resolved.field.name}'`,
    );
  }
  const ids = scope.semiJoin(query);
  const read = resolved.read;
  const key = keyFunctionFor(resolved.field);
  const member = (row: SObjectRecord) => {
    const value = key(read(row));
    return value !== null && ids.has(value as string);
  };
  return negated ? (row) => !member(row) : member;
}

function compileIncludes(resolved: ResolvedField, values: Literal[], negated: boolean, scope: FilterScope): Predicate {
  if (domainOf(resolved.field) !== Domain.multipicklist) {
    throw SoqlError.at(
      SoqlErrorCode.invalidQueryFilterOperator,
      scope.text,
      values[0]?.offset ?? 0,
      `includes or excludes operator only valid on multipicklist field: ${resolved.field.name}`,
    );
  }
  // Each value is one alternative; `'a;b'` within a value means both a and b.
  const alternatives = values.map((literal) => multipicklistSet(literalKey(resolved, literal, scope)));
  const read = resolved.read;
  const includes = (row: SObjectRecord) => {
    const selected = multipicklistSet(read(row));
    return alternatives.some((required) => required.size > 0 && [...required].every((item) => selected.has(item)));
  };
  return negated ? (row) => !includes(row) : includes;
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const item of a) if (!b.has(item)) return false;
  return true;
}

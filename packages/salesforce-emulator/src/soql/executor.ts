/**
 * Runs a query against a SoqlSource: compile once (resolve names, check literals, build closures),
 * then one pass over the rows. Without ORDER BY the scan stops as soon as LIMIT + OFFSET rows
 * matched, so `LIMIT 1` lookups stay cheap on large tables.
 */
import type { ObjectSchema, SObjectRecord } from '../schema/types.js';
import type { SoqlQuery } from './ast.js';
import { type ResolveScope, resolveField, schemaIndex } from './field-resolver.js';
import { Domain, domainOf, idKey } from './field-values.js';
import { compileCondition, type FilterScope, type Predicate } from './filter-compiler.js';
import { compileOrder, type RowSorter } from './order-compiler.js';
import { parseSoql } from './parser.js';
import { type ChildResult, Projection } from './projection.js';
import { SoqlError, SoqlErrorCode, SoqlMessages } from './soql-error.js';
import type { SoqlExecuteOptions, SoqlResult, SoqlSource } from './source.js';

/** Salesforce refuses OFFSET beyond 2,000 (NUMBER_OUTSIDE_VALID_RANGE). */
export const MAX_OFFSET = 2000;

interface RunContext {
  source: SoqlSource;
  options: SoqlExecuteOptions;
  now: Date;
  urlPrefix: string;
}

/** The row-independent parts of one SELECT (top level or child subquery). */
interface CompiledSelect {
  schema: ObjectSchema;
  isCount: boolean;
  projection: Projection;
  predicate: Predicate | undefined;
  sort: RowSorter | undefined;
  limit: number | undefined;
  offset: number;
}

export function executeSoql(query: string | SoqlQuery, source: SoqlSource, options: SoqlExecuteOptions): SoqlResult {
  const parsed = typeof query === 'string' ? parseSoql(query) : query;
  const context: RunContext = {
    source,
    options,
    now: source.now(),
    urlPrefix: `/services/data/v${options.apiVersion}/sobjects/`,
  };
  const compiled = compileSelect(parsed, rootSchema(parsed, source), context, false);
  const rows = selectRows(compiled, source.scan(compiled.schema.name, options.includeDeleted));
  if (compiled.isCount) {
    return { totalSize: rows.length, records: [], objectName: compiled.schema.name, isCount: true, columns: [] };
  }
  return {
    totalSize: rows.length,
    records: rows.map((row) => compiled.projection.render(row)),
    objectName: compiled.schema.name,
    isCount: false,
    columns: compiled.projection.columns,
  };
}

function rootSchema(query: SoqlQuery, source: SoqlSource): ObjectSchema {
  const schema = source.schema(query.from.name);
  if (!schema) {
    throw SoqlError.at(
      SoqlErrorCode.invalidType,
      query.text,
      query.from.offset,
      SoqlMessages.unsupportedObject(query.from.name),
    );
  }
  return schema;
}

function compileSelect(query: SoqlQuery, schema: ObjectSchema, context: RunContext, nested: boolean): CompiledSelect {
  const scope: FilterScope = {
    source: context.source,
    text: query.text,
    root: schema,
    ...(query.alias === undefined ? {} : { alias: query.alias }),
    now: context.now,
    semiJoin: (inner) => runSemiJoin(inner, context),
  };
  if (query.offset !== undefined && query.offset > MAX_OFFSET) {
    throw SoqlError.at(
      SoqlErrorCode.numberOutsideValidRange,
      query.text,
      query.offsetValueOffset ?? query.from.offset,
      SoqlMessages.maxOffset(MAX_OFFSET),
    );
  }
  const projection = new Projection(context.source, schema.name, context.urlPrefix);
  const countItem = query.select.find((item) => item.kind === 'count');
  if (countItem && (nested || query.select.length > 1)) {
    throw SoqlError.at(
      SoqlErrorCode.malformedQuery,
      query.text,
      countItem.offset,
      nested ? 'COUNT() is not allowed in a subquery' : 'COUNT() must be the only item in the SELECT list',
    );
  }
  for (const item of query.select) {
    if (item.kind === 'field') {
      const resolved = resolveField(item.path, scope);
      if (!projection.addField(resolved)) throw duplicate(query, item.path.offset, resolved.column);
    } else if (item.kind === 'subquery') {
      const child = compileChildQuery(item.query, schema, context);
      if (!projection.addSubquery(child.relationshipName, child.run)) {
        throw duplicate(query, item.offset, child.relationshipName);
      }
    }
  }
  return {
    schema,
    isCount: countItem !== undefined,
    projection,
    predicate: query.where ? compileCondition(query.where, scope) : undefined,
    sort: compileOrder(query.orderBy, scope),
    limit: query.limit,
    offset: query.offset ?? 0,
  };
}

function duplicate(query: SoqlQuery, offset: number, column: string): SoqlError {
  return SoqlError.at(SoqlErrorCode.malformedQuery, query.text, offset, SoqlMessages.duplicateField(column));
}

/** Filter, sort, then OFFSET/LIMIT. */
function selectRows(compiled: CompiledSelect, rows: Iterable<SObjectRecord>): SObjectRecord[] {
  const { predicate, sort, limit, offset } = compiled;
  if (limit === 0) return [];
  // Without ORDER BY the first LIMIT + OFFSET matches are the answer: stop scanning there.
  const enough = sort || limit === undefined ? Number.POSITIVE_INFINITY : offset + limit;
  let matched: SObjectRecord[] = [];
  for (const row of rows) {
    if (predicate && !predicate(row)) continue;
    matched.push(row);
    if (matched.length >= enough) break;
  }
  if (sort) matched = sort(matched, limit === undefined ? undefined : offset + limit);
  if (offset === 0 && (limit === undefined || matched.length <= limit)) return matched;
  return matched.slice(offset, limit === undefined ? undefined : offset + limit);
}

/** `(SELECT … FROM OpportunitySplits …)`: FROM names a child relationship of the parent object. */
function compileChildQuery(
  query: SoqlQuery,
  parent: ObjectSchema,
  context: RunContext,
): { relationshipName: string; run: (row: SObjectRecord) => ChildResult | null } {
  const relationship = schemaIndex(parent).children.get(query.from.name.toLowerCase());
  const childSchema = relationship ? context.source.schema(relationship.childSObject) : undefined;
  if (!relationship || !childSchema) {
    throw SoqlError.at(
      SoqlErrorCode.invalidType,
      query.text,
      query.from.offset,
      SoqlMessages.unknownRelationshipInFrom(query.from.name),
    );
  }
  const compiled = compileSelect(query, childSchema, context, true);
  const { source, options } = context;
  const run = (row: SObjectRecord): ChildResult | null => {
    const children = source.children(childSchema.name, relationship.field, row.Id, options.includeDeleted);
    const rows = selectRows(compiled, children);
    if (rows.length === 0) return null;
    return { totalSize: rows.length, done: true, records: rows.map((child) => compiled.projection.render(child)) };
  };
  return { relationshipName: relationship.relationshipName, run };
}

/** `Field IN (SELECT Id FROM Object …)`: one id (or reference) field, no subqueries, no COUNT(). */
function runSemiJoin(query: SoqlQuery, context: RunContext): Set<string> {
  const schema = rootSchema(query, context.source);
  const only = query.select[0];
  if (query.select.length !== 1 || only?.kind !== 'field') {
    throw SoqlError.at(
      SoqlErrorCode.malformedQuery,
      query.text,
      query.from.offset,
      'A semi join sub-select must select exactly one Id or reference field',
    );
  }
  const scope: ResolveScope = {
    source: context.source,
    text: query.text,
    root: schema,
    ...(query.alias === undefined ? {} : { alias: query.alias }),
  };
  const selected = resolveField(only.path, scope);
  if (domainOf(selected.field) !== Domain.id) {
    throw SoqlError.at(
      SoqlErrorCode.malformedQuery,
      query.text,
      only.path.offset,
      `A semi join sub-select must select an Id or reference field, not '${selected.column}'`,
    );
  }
  const compiled = compileSelect(query, schema, context, true);
  const ids = new Set<string>();
  for (const row of selectRows(compiled, context.source.scan(schema.name, context.options.includeDeleted))) {
    const key = idKey(selected.read(row));
    if (key !== null) ids.add(key as string);
  }
  return ids;
}

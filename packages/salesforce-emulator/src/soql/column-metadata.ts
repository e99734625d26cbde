/**
 * `GET …/query?q=…&columns=true`: what Salesforce says about a query's columns instead of its
 * records (the `sf data query` command asks for it after every query to lay out its table and
 * CSV). The shape follows Salesforce's answer field for field: a parent relationship is one column
 * whose `joinColumns` hold the parent's fields (`Owner` → `Name`), a child subquery is an
 * `aggregate` column whose `joinColumns` hold the child's fields. `SELECT COUNT()` has no columns.
 */
import type { FieldSchema, ObjectSchema } from '../schema/types.js';
import type { SoqlQuery } from './ast.js';
import { executeSoql } from './executor.js';
import { resolveField, schemaIndex } from './field-resolver.js';
import { parseSoql } from './parser.js';
import { SoqlError, SoqlErrorCode, SoqlMessages } from './soql-error.js';
import type { SoqlExecuteOptions, SoqlSource } from './source.js';

export interface QueryColumn {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: QueryColumn[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
}

export interface QueryColumns {
  columnMetadata: QueryColumn[];
  entityName: string;
  groupBy: boolean;
  idSelected: boolean;
  keyPrefix: string;
}

const TEXT_TYPES = new Set(['string', 'textarea', 'picklist', 'multipicklist', 'email', 'phone', 'url']);
const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent']);
/** The Apex type of a field's value (Schema.DisplayType → Apex primitive). */
const APEX_TYPES: Record<string, string> = {
  id: 'Id',
  reference: 'Id',
  boolean: 'Boolean',
  int: 'Integer',
  double: 'Double',
  currency: 'Decimal',
  percent: 'Double',
  date: 'Date',
  datetime: 'Datetime',
};

/**
 * Validates the query as a real run would (unknown fields, bad literals, bad relationships fail the
 * same way) without reading a row, then describes its SELECT list.
 */
export function describeQueryColumns(text: string, source: SoqlSource, options: SoqlExecuteOptions): QueryColumns {
  const query = parseSoql(text);
  // LIMIT 0 compiles every clause but stops before the scan.
  executeSoql({ ...query, limit: 0 }, source, options);
  const root = source.schema(query.from.name) as ObjectSchema;
  const columnMetadata = columnsOf(query, root, source);
  const idSelected = query.select.some(
    (item) => item.kind === 'field' && resolveField(item.path, scopeOf(query, root, source)).column === 'Id',
  );
  return { columnMetadata, entityName: root.name, groupBy: false, idSelected, keyPrefix: root.keyPrefix };
}

function scopeOf(query: SoqlQuery, root: ObjectSchema, source: SoqlSource) {
  return { source, text: query.text, root, ...(query.alias === undefined ? {} : { alias: query.alias }) };
}

function columnsOf(query: SoqlQuery, root: ObjectSchema, source: SoqlSource): QueryColumn[] {
  const columns: QueryColumn[] = [];
  const scope = scopeOf(query, root, source);
  for (const item of query.select) {
    if (item.kind === 'count') continue;
    if (item.kind === 'subquery') {
      const relationship = schemaIndex(root).children.get(item.query.from.name.toLowerCase());
      const child = relationship ? source.schema(relationship.childSObject) : undefined;
      if (!relationship || !child) {
        throw SoqlError.at(
          SoqlErrorCode.invalidType,
          query.text,
          item.query.from.offset,
          SoqlMessages.unknownRelationshipInFrom(item.query.from.name),
        );
      }
      columns.push({
        ...emptyColumn(relationship.relationshipName),
        aggregate: true,
        joinColumns: columnsOf(item.query, child, source),
      });
      continue;
    }
    const resolved = resolveField(item.path, scope);
    // Parent fields nest: `Owner.Manager.Name` is Owner → Manager → Name, sharing a parent column
    // with the other fields selected through the same relationship.
    let level = columns;
    for (const hop of resolved.hops) {
      let parent = level.find((column) => column.columnName === hop.relationshipName && !column.aggregate);
      if (!parent) {
        parent = { ...emptyColumn(hop.relationshipName), foreignKeyName: hop.field.name };
        level.push(parent);
      }
      level = parent.joinColumns;
    }
    level.push(fieldColumn(resolved.field));
  }
  return columns;
}

function emptyColumn(name: string): QueryColumn {
  return {
    aggregate: false,
    apexType: null,
    booleanType: false,
    columnName: name,
    custom: name.endsWith('__r'),
    displayName: name,
    foreignKeyName: null,
    insertable: false,
    joinColumns: [],
    numberType: false,
    textType: false,
    updatable: false,
  };
}

function fieldColumn(field: FieldSchema): QueryColumn {
  return {
    aggregate: false,
    apexType: APEX_TYPES[field.type] ?? (TEXT_TYPES.has(field.type) ? 'String' : null),
    booleanType: field.type === 'boolean',
    columnName: field.name,
    custom: field.custom,
    displayName: field.name,
    foreignKeyName: null,
    insertable: field.createable,
    joinColumns: [],
    numberType: NUMBER_TYPES.has(field.type),
    textType: TEXT_TYPES.has(field.type),
    updatable: field.updateable,
  };
}

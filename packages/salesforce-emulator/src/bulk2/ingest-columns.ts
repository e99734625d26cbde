/**
 * How the columns of an ingest CSV map onto a DML call, decided once per job from the header:
 * plain fields, the record `Id`, and parent references by external id (`Account.External_Id__c`,
 * written to the lookup as in Salesforce). Cell values follow the Bulk API's rules: an empty cell
 * leaves the field alone, `#N/A` sets it to null, anything else is text that DML converts.
 */
import type { SchemaRegistry } from '../schema/registry.js';
import type { FieldSchema, ObjectSchema } from '../schema/types.js';
import { CsvFormatError } from './csv.js';

export const IngestOperation = {
  insert: 'insert',
  update: 'update',
  upsert: 'upsert',
  delete: 'delete',
  hardDelete: 'hardDelete',
} as const;
export type IngestOperation = (typeof IngestOperation)[keyof typeof IngestOperation];

export function isIngestOperation(value: unknown): value is IngestOperation {
  return typeof value === 'string' && Object.hasOwn(IngestOperation, value);
}

/** The text that sets a field to null in Bulk API CSV. */
export const NULL_MARKER = '#N/A';

type Column =
  | { kind: 'id' }
  | { kind: 'field'; field: FieldSchema }
  /** `Relationship.ExternalIdField`: the lookup `reference` set by matching the parent's external id. */
  | { kind: 'parentKey'; relationship: string; reference: FieldSchema; parentField: FieldSchema };

export interface ColumnPlan {
  columns: Column[];
  /** Index of the `Id` column, -1 when absent. */
  idIndex: number;
  /** Index of the upsert key column, -1 when absent (or not an upsert). */
  keyIndex: number;
  keyField: FieldSchema | undefined;
}

/** Reads the header; throws CsvFormatError (the job fails) for a column Salesforce would not know. */
export function planColumns(
  schema: SchemaRegistry,
  object: ObjectSchema,
  header: string[],
  operation: IngestOperation,
  externalIdFieldName: string | undefined,
): ColumnPlan {
  const seen = new Set<string>();
  const columns = header.map((raw): Column => {
    const name = raw.trim();
    const lower = name.toLowerCase();
    if (seen.has(lower)) throw new CsvFormatError(`InvalidBatch : Duplicate field name: ${name}`);
    seen.add(lower);
    if (lower === 'id') return { kind: 'id' };
    const field = schema.field(object.name, name);
    if (field) return { kind: 'field', field };
    const dot = name.indexOf('.');
    if (dot > 0) {
      const relationship = name.slice(0, dot);
      const reference = schema.parentRelationship(object.name, relationship);
      const target = reference?.referenceTo?.[0];
      const parentField = target ? schema.field(target, name.slice(dot + 1)) : undefined;
      if (reference && parentField?.externalId) {
        return { kind: 'parentKey', relationship: reference.relationshipName ?? relationship, reference, parentField };
      }
    }
    throw new CsvFormatError(`InvalidBatch : Field name not found : ${name}`);
  });
  const idIndex = columns.findIndex((column) => column.kind === 'id');
  const keyField =
    operation === IngestOperation.upsert && externalIdFieldName
      ? schema.field(object.name, externalIdFieldName)
      : undefined;
  const keyIndex = keyField
    ? keyField.name === 'Id'
      ? idIndex
      : columns.findIndex((column) => column.kind === 'field' && column.field === keyField)
    : -1;
  return { columns, idIndex, keyIndex, keyField };
}

/**
 * The DML field map of one row. Empty cells are left out (the field keeps its value, or its
 * default on insert); `#N/A` clears. `Id` is left out: callers pass it separately.
 */
export function rowFields(plan: ColumnPlan, row: string[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (let i = 0; i < plan.columns.length; i++) {
    const column = plan.columns[i] as Column;
    const cell = row[i] ?? '';
    if (cell === '' || column.kind === 'id') continue;
    const value = cell === NULL_MARKER ? null : cell;
    if (column.kind === 'field') {
      fields[column.field.name] = value;
    } else if (value === null) {
      fields[column.reference.name] = null;
    } else {
      fields[column.relationship] = { [column.parentField.name]: value };
    }
  }
  return fields;
}

/** The non-empty text of column `index` in `row`, or undefined. */
export function cellOf(row: string[], index: number): string | undefined {
  if (index < 0) return undefined;
  const cell = row[index];
  return cell === undefined || cell === '' || cell === NULL_MARKER ? undefined : cell;
}

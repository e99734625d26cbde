/**
 * The validation steps of one DML write, in Salesforce's order: parse the field names (unknown
 * field, relationship-by-external-id), field-level access (createable/updateable), value types and
 * shapes, then references, required fields and unique values against the data.
 *
 * These run for every field of every record written (100,000s in a Bulk job), so successes return
 * plain values and arrays, and only a refusal allocates (an `Invalid`).
 */
import type { FieldSchema, ObjectSchema, SObjectRecord } from '../schema/types.js';
import { dmlErrors, Invalid, type SalesforceError } from './dml-errors.js';
import { coerceFieldValue } from './field-values.js';
import { traitsOf } from './object-traits.js';
import type { OrgStore } from './org-store.js';
import { canonicalId } from './record-id.js';
import { fieldOf, type SchemaLookup } from './schema-lookup.js';

/** Keys of a request body that are not fields (jsforce and the collections API send `attributes`). */
const IGNORED_KEYS = new Set(['attributes']);

export type WriteMode = 'insert' | 'update';

/**
 * Writes the stored value of every field `fields` sets onto `target` (the record being built) and
 * answers which fields those were, in body order — or the first error, in Salesforce's order:
 * unknown fields first, then every read-only field at once, then the first bad value. On an error
 * `target` is half-written and must be dropped. `Id` is allowed (and dropped) on update, where
 * callers pass the record's own id.
 *
 * An upsert passes its key field as `skip` (the body's own copy of the key is ignored) and, when
 * it inserts, the key's value as `addValue`, written as if the body ended with it.
 */
export function prepareFields(
  object: ObjectSchema,
  fields: Record<string, unknown>,
  mode: WriteMode,
  target: SObjectRecord,
  store: OrgStore,
  schema: SchemaLookup,
  skip?: FieldSchema,
  addValue?: unknown,
): FieldSchema[] | Invalid {
  const written: FieldSchema[] = [];
  const readOnly: string[] = [];
  let badValue: Invalid | undefined;
  const consider = (field: FieldSchema, value: unknown) => {
    if (!(mode === 'insert' ? field.createable : field.updateable)) readOnly.push(field.name);
    // Only the first bad value is reported, and none once a read-only field was named.
    else if (readOnly.length === 0 && badValue === undefined) badValue = take(target, written, field, value);
  };
  for (const key in fields) {
    if (IGNORED_KEYS.has(key)) continue;
    const raw = fields[key];
    let field = fieldOf(object, key);
    let value = raw;
    if (!field && raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
      const foreign = resolveForeignKey(object, key, raw as Record<string, unknown>, store, schema);
      if (foreign instanceof Invalid) return foreign;
      [field, value] = foreign;
    }
    if (!field) return new Invalid(dmlErrors.unknownField(object, key));
    if (field === skip) continue;
    if (field.name === 'Id') {
      if (mode === 'insert') return new Invalid(dmlErrors.idOnInsert());
      continue;
    }
    consider(field, value);
  }
  if (skip && addValue !== undefined) consider(skip, addValue);
  if (readOnly.length > 0) return new Invalid(dmlErrors.notWritable(readOnly));
  return badValue ?? written;
}

/** Writes the stored form of `raw` onto `target`, or answers why it cannot be stored. */
function take(target: SObjectRecord, written: FieldSchema[], field: FieldSchema, raw: unknown): Invalid | undefined {
  const coerced = coerceFieldValue(field, raw);
  if (coerced instanceof Invalid) return coerced;
  target[field.name] = coerced;
  written.push(field);
  return undefined;
}

/**
 * `"Opportunity__r": { "External_Key__c": "X" }` sets the lookup `Opportunity__c` to the record
 * whose external id is X, as Salesforce allows on insert, update and upsert.
 */
function resolveForeignKey(
  object: ObjectSchema,
  relationshipName: string,
  body: Record<string, unknown>,
  store: OrgStore,
  schema: SchemaLookup,
): [FieldSchema, unknown] | Invalid {
  const lookup = object.fields.find(
    (field) => field.type === 'reference' && field.relationshipName?.toLowerCase() === relationshipName.toLowerCase(),
  );
  if (!lookup) return new Invalid(dmlErrors.unknownField(object, relationshipName));
  const entries = Object.entries(body).filter(([key]) => !IGNORED_KEYS.has(key));
  const targetType =
    body.attributes && typeof body.attributes === 'object' ? (body.attributes as { type?: unknown }).type : undefined;
  const target = schema.get(typeof targetType === 'string' ? targetType : (lookup.referenceTo?.[0] ?? ''));
  const [entry] = entries;
  if (!target || entries.length !== 1 || !entry) return new Invalid(dmlErrors.unknownField(object, relationshipName));
  const [keyName, keyValue] = entry;
  const keyField = fieldOf(target, keyName);
  if (!keyField) return new Invalid(dmlErrors.unknownField(target, keyName));
  if (!keyField.externalId && keyField.name !== 'Id')
    return new Invalid(dmlErrors.notExternalId(target, keyField.name));
  const matches =
    keyField.name === 'Id'
      ? [store.get(target.name, String(keyValue))].filter(
          (record): record is SObjectRecord => !!record && record.IsDeleted !== true,
        )
      : store.findByExternalId(target.name, keyField.name, String(keyValue));
  if (matches.length === 0) return new Invalid(dmlErrors.foreignKeyNotFound(target, keyField, keyValue));
  if (matches.length > 1) {
    return new Invalid(
      dmlErrors.duplicateExternalId(
        keyField,
        matches.map((r) => r.Id),
      ),
    );
  }
  return [lookup, (matches[0] as SObjectRecord).Id];
}

/** A lookup value must be an id of one of the field's target objects, of a live record: the canonical id, or why not. */
export function checkReference(
  field: FieldSchema,
  value: unknown,
  store: OrgStore,
  schema: SchemaLookup,
): string | null | Invalid {
  if (value === null) return null;
  const id = canonicalId(value);
  if (!id) return new Invalid(dmlErrors.malformedReference(field, value));
  const target = schema.byKeyPrefix(id);
  if (!target || !isTargetOf(field, target)) {
    // Targets the emulator does not model (e.g. Group for OwnerId) cannot be checked: accept them.
    const unmodelled = (field.referenceTo ?? []).some((name) => !schema.get(name));
    return unmodelled && !target ? id : new Invalid(dmlErrors.wrongReferenceType(field, String(value)));
  }
  const record = store.get(target.name, id);
  if (!record) return new Invalid(dmlErrors.missingReference(field));
  if (record.IsDeleted === true) return new Invalid(dmlErrors.deletedReference(field));
  return id;
}

function isTargetOf(field: FieldSchema, object: ObjectSchema): boolean {
  for (const name of field.referenceTo ?? []) {
    if (name === object.name || name.toLowerCase() === object.name.toLowerCase()) return true;
  }
  return false;
}

/** The first unique / external-id-unique field whose value another live record already holds. */
export function findDuplicate(
  object: ObjectSchema,
  record: SObjectRecord,
  store: OrgStore,
): SalesforceError | undefined {
  for (const field of traitsOf(object).unique) {
    const holder = store.uniqueHolder(object.name, field.name, record[field.name], record.Id);
    if (holder !== undefined) return dmlErrors.duplicateValue(field, holder);
  }
  return undefined;
}

/**
 * The validation steps of one DML write, in Salesforce's order: parse the field names (unknown
 * field, relationship-by-external-id), field-level access (createable/updateable), value types and
 * shapes, then references, required fields and unique values against the data.
 */
import type { FieldSchema, ObjectSchema, SObjectRecord } from '../schema/types.js';
import { dmlErrors, type SalesforceError } from './dml-errors.js';
import { coerceFieldValue } from './field-values.js';
import { traitsOf } from './object-traits.js';
import type { OrgStore } from './org-store.js';
import { canonicalId } from './record-id.js';
import { fieldOf, type SchemaLookup } from './schema-lookup.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: SalesforceError };

/** Keys of a request body that are not fields (jsforce and the collections API send `attributes`). */
const IGNORED_KEYS = new Set(['attributes']);

export type WriteMode = 'insert' | 'update';

/**
 * Field API name → stored value for every field `fields` sets, or the first error. `Id` is allowed
 * (and dropped) on update, where callers pass the record's own id.
 */
export function prepareFields(
  object: ObjectSchema,
  fields: Record<string, unknown>,
  mode: WriteMode,
  store: OrgStore,
  schema: SchemaLookup,
): Checked<Map<FieldSchema, unknown>> {
  const values = new Map<FieldSchema, unknown>();
  const readOnly: string[] = [];
  const resolved: [FieldSchema, unknown][] = [];
  for (const [key, raw] of Object.entries(fields)) {
    if (IGNORED_KEYS.has(key)) continue;
    let field = fieldOf(object, key);
    let value = raw;
    if (!field && raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
      const foreign = resolveForeignKey(object, key, raw as Record<string, unknown>, store, schema);
      if (!foreign.ok) return foreign;
      [field, value] = foreign.value;
    }
    if (!field) return { ok: false, error: dmlErrors.unknownField(object, key) };
    if (field.name === 'Id') {
      if (mode === 'insert') return { ok: false, error: dmlErrors.idOnInsert() };
      continue;
    }
    const writable = mode === 'insert' ? field.createable : field.updateable;
    if (!writable) readOnly.push(field.name);
    else resolved.push([field, value]);
  }
  if (readOnly.length > 0) return { ok: false, error: dmlErrors.notWritable(readOnly) };
  for (const [field, raw] of resolved) {
    const coerced = coerceFieldValue(field, raw);
    if (!coerced.ok) return coerced;
    values.set(field, coerced.value);
  }
  return { ok: true, value: values };
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
): Checked<[FieldSchema, unknown]> {
  const lookup = object.fields.find(
    (field) => field.type === 'reference' && field.relationshipName?.toLowerCase() === relationshipName.toLowerCase(),
  );
  if (!lookup) return { ok: false, error: dmlErrors.unknownField(object, relationshipName) };
  const entries = Object.entries(body).filter(([key]) => !IGNORED_KEYS.has(key));
  const targetType =
    body.attributes && typeof body.attributes === 'object' ? (body.attributes as { type?: unknown }).type : undefined;
  const target = schema.get(typeof targetType === 'string' ? targetType : (lookup.referenceTo?.[0] ?? ''));
  const [entry] = entries;
  if (!target || entries.length !== 1 || !entry)
    return { ok: false, error: dmlErrors.unknownField(object, relationshipName) };
  const [keyName, keyValue] = entry;
  const keyField = fieldOf(target, keyName);
  if (!keyField) return { ok: false, error: dmlErrors.unknownField(target, keyName) };
  if (!keyField.externalId && keyField.name !== 'Id')
    return { ok: false, error: dmlErrors.notExternalId(target, keyField.name) };
  const matches =
    keyField.name === 'Id'
      ? [store.get(target.name, String(keyValue))].filter(
          (record): record is SObjectRecord => !!record && record.IsDeleted !== true,
        )
      : store.findByExternalId(target.name, keyField.name, String(keyValue));
  if (matches.length === 0) return { ok: false, error: dmlErrors.foreignKeyNotFound(target, keyField, keyValue) };
  if (matches.length > 1)
    return {
      ok: false,
      error: dmlErrors.duplicateExternalId(
        keyField,
        matches.map((r) => r.Id),
      ),
    };
  return { ok: true, value: [lookup, (matches[0] as SObjectRecord).Id] };
}

/** A lookup value must be an id of one of the field's target objects, of a live record. */
export function checkReference(
  field: FieldSchema,
  value: unknown,
  store: OrgStore,
  schema: SchemaLookup,
): Checked<string | null> {
  if (value === null) return { ok: true, value: null };
  const id = canonicalId(value);
  if (!id) return { ok: false, error: dmlErrors.malformedReference(field, value) };
  const targets = (field.referenceTo ?? []).map((name) => schema.get(name)).filter((o): o is ObjectSchema => !!o);
  const target = targets.find((object) => object.keyPrefix === id.slice(0, 3));
  if (!target) {
    // Targets the emulator does not model (e.g. Group for OwnerId) cannot be checked: accept them.
    const unmodelled = (field.referenceTo ?? []).some((name) => !schema.get(name));
    return unmodelled && !schema.byKeyPrefix(id.slice(0, 3))
      ? { ok: true, value: id }
      : { ok: false, error: dmlErrors.wrongReferenceType(field, String(value)) };
  }
  const record = store.get(target.name, id);
  if (!record) return { ok: false, error: dmlErrors.missingReference(field) };
  if (record.IsDeleted === true) return { ok: false, error: dmlErrors.deletedReference(field) };
  return { ok: true, value: id };
}

/** The first unique / external-id-unique field whose value another live record already holds. */
export function findDuplicate(
  object: ObjectSchema,
  record: SObjectRecord,
  store: OrgStore,
): SalesforceError | undefined {
  for (const field of traitsOf(object).unique) {
    const holders = store.uniqueHolders(object.name, field.name, record[field.name], record.Id);
    if (holders.length > 0) return dmlErrors.duplicateValue(field, holders[0] as string);
  }
  return undefined;
}

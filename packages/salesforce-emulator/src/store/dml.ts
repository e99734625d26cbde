/**
 * Salesforce's DML over the org store: insert, update, upsert, delete (to the recycle bin, with
 * cascade) and undelete, each validating like the platform and returning Salesforce's per-record
 * result, plus `transaction` for all-or-nothing groups (collections with allOrNone, Bulk batches).
 *
 * SystemModstamp: every write outside a transaction gets a new stamp strictly greater than any
 * before it; all writes inside one transaction share one stamp, as records saved together do in
 * Salesforce. A sync cursor reading `SystemModstamp > last seen` therefore never misses a write.
 */

import { opportunityStage } from '../schema/opportunity-stages.js';
import type { FieldSchema, ObjectSchema, SObjectRecord } from '../schema/types.js';
import { formatDateTime } from './datetime.js';
import { dmlErrors, type SalesforceError } from './dml-errors.js';
import { checkReference, findDuplicate, prepareFields, type WriteMode } from './field-checks.js';
import { traitsOf } from './object-traits.js';
import type { OrgStore } from './org-store.js';
import { canonicalId } from './record-id.js';
import { extrasOf, fieldOf, type SchemaLookup } from './schema-lookup.js';

export type { SalesforceError } from './dml-errors.js';

export type DmlResult =
  | { id: string; success: true; created: boolean; errors: [] }
  | { id: string | null; success: false; errors: SalesforceError[] };

export interface DmlOptions {
  now: () => Date;
  currentUserId: () => string;
}

/** Thrown inside `transaction` callbacks to roll back; carries the failing result. */
export class DmlRollback extends Error {
  constructor(readonly result: DmlResult) {
    super('rolled back');
  }
}

const failure = (error: SalesforceError, id: string | null = null): DmlResult => ({
  id,
  success: false,
  errors: [error],
});

export class Dml {
  private transactionStamp: string | undefined;
  private depth = 0;
  private readonly autoNumbers = new Map<string, number>();
  /** Lookups cleared because their parent was deleted (Salesforce's SetNull), restored on undelete. */
  private readonly clearedLookups = new Map<string, { objectName: string; id: string; field: string }[]>();

  constructor(
    private readonly store: OrgStore,
    private readonly schema: SchemaLookup,
    private readonly options: DmlOptions,
  ) {}

  /** Forgets auto-number positions (after the store was reloaded). */
  resetCounters(): void {
    this.autoNumbers.clear();
    this.clearedLookups.clear();
  }

  insert(objectName: string, fields: Record<string, unknown>): DmlResult {
    const object = this.schema.get(objectName);
    if (!object) return failure(dmlErrors.unknownObject(objectName));
    if (!object.createable) return failure(dmlErrors.notCreateable(object));
    return this.create(object, fields);
  }

  update(objectName: string, id: string, fields: Record<string, unknown>): DmlResult {
    const object = this.schema.get(objectName);
    if (!object) return failure(dmlErrors.unknownObject(objectName));
    const found = this.findLive(object, id);
    if ('error' in found) return failure(found.error, found.id);
    if (!object.updateable) return failure(dmlErrors.notUpdateable(object), found.record.Id);
    return this.modify(object, found.record, fields);
  }

  upsert(
    objectName: string,
    externalIdField: string,
    externalIdValue: string,
    fields: Record<string, unknown>,
  ): DmlResult {
    const object = this.schema.get(objectName);
    if (!object) return failure(dmlErrors.unknownObject(objectName));
    const keyField = fieldOf(object, externalIdField);
    if (!keyField) return failure(dmlErrors.unknownField(object, externalIdField));
    if (keyField.name === 'Id') {
      if (externalIdValue === '' || externalIdValue === null || externalIdValue === undefined) {
        return this.insert(object.name, withoutKey(fields, 'Id'));
      }
      return this.update(object.name, externalIdValue, fields);
    }
    if (!keyField.externalId && extrasOf(keyField).autoNumber !== true) {
      return failure(dmlErrors.notExternalId(object, keyField.name));
    }
    const matches = this.store.findByExternalId(object.name, keyField.name, externalIdValue);
    if (matches.length > 1)
      return failure(
        dmlErrors.duplicateExternalId(
          keyField,
          matches.map((r) => r.Id),
        ),
      );
    const body = withoutKey(fields, keyField.name);
    const existing = matches[0];
    if (existing) {
      if (!object.updateable) return failure(dmlErrors.notUpdateable(object), existing.Id);
      return this.modify(object, existing, body);
    }
    if (!object.createable) return failure(dmlErrors.notCreateable(object));
    return this.create(object, { ...body, [keyField.name]: externalIdValue });
  }

  delete(objectName: string, id: string): DmlResult {
    const object = this.schema.get(objectName);
    if (!object) return failure(dmlErrors.unknownObject(objectName));
    const key = canonicalId(id);
    if (!key || key.slice(0, 3) !== object.keyPrefix) return failure(dmlErrors.badDeleteId(id));
    const record = this.store.get(object.name, key);
    if (!record) return failure(dmlErrors.recordMissing(), key);
    if (record.IsDeleted === true) return failure(dmlErrors.recordDeleted(), key);
    if (!object.deletable) return failure(dmlErrors.notDeletable(), key);
    this.markDeleted(object, record, this.stamp());
    return { id: key, success: true, created: false, errors: [] };
  }

  /** Restores a record from the recycle bin, with the children its delete cascaded to. */
  undelete(objectName: string, id: string): DmlResult {
    const object = this.schema.get(objectName);
    if (!object) return failure(dmlErrors.unknownObject(objectName));
    const key = canonicalId(id);
    if (!key || key.slice(0, 3) !== object.keyPrefix) return failure(dmlErrors.badDeleteId(id));
    const record = this.store.get(object.name, key);
    if (!record) return failure(dmlErrors.recordMissing(), key);
    if (record.IsDeleted !== true) return failure(dmlErrors.notInRecycleBin(), key);
    try {
      return this.transaction(() => {
        const problem = this.restore(object, record, record.SystemModstamp, this.stamp());
        if (problem) throw new DmlRollback(failure(problem, key));
        return { id: key, success: true, created: false, errors: [] } as DmlResult;
      });
    } catch (error) {
      if (error instanceof DmlRollback) return error.result;
      throw error;
    }
  }

  /**
   * Runs `fn` all-or-nothing: if it throws, every write made inside is undone and the error
   * rethrown. Nested calls join the outer transaction. Writes inside share one SystemModstamp.
   */
  transaction<T>(fn: () => T): T {
    const outermost = this.depth === 0;
    this.depth++;
    this.store.begin();
    try {
      const result = fn();
      this.store.commit();
      return result;
    } catch (error) {
      this.store.rollback();
      throw error;
    } finally {
      this.depth--;
      if (outermost) this.transactionStamp = undefined;
    }
  }

  private create(object: ObjectSchema, fields: Record<string, unknown>): DmlResult {
    const prepared = prepareFields(object, fields, 'insert', this.store, this.schema);
    if (!prepared.ok) return failure(prepared.error);
    const traits = traitsOf(object);
    const id = this.store.newId(object.name);
    const stamp = this.stamp();
    const userId = this.options.currentUserId();
    const record: SObjectRecord = { Id: id };
    for (const [name, value] of traits.defaults) record[name] = value;
    for (const [field, value] of prepared.value) record[field.name] = value;
    if (traits.hasOwner && (record.OwnerId === undefined || record.OwnerId === null)) record.OwnerId = userId;
    Object.assign(record, {
      IsDeleted: false,
      CreatedDate: stamp,
      CreatedById: userId,
      LastModifiedDate: stamp,
      LastModifiedById: userId,
      SystemModstamp: stamp,
    });
    this.derive(object, record, undefined, prepared.value, 'insert');
    const problem = this.validate(object, record, prepared.value.keys());
    if (problem) return failure(problem);
    this.store.save(object.name, record);
    return { id, success: true, created: true, errors: [] };
  }

  private modify(object: ObjectSchema, existing: SObjectRecord, fields: Record<string, unknown>): DmlResult {
    const prepared = prepareFields(object, fields, 'update', this.store, this.schema);
    if (!prepared.ok) return failure(prepared.error, existing.Id);
    const stamp = this.stamp();
    const record: SObjectRecord = { ...existing };
    for (const [field, value] of prepared.value) record[field.name] = value;
    Object.assign(record, {
      LastModifiedDate: stamp,
      LastModifiedById: this.options.currentUserId(),
      SystemModstamp: stamp,
    });
    this.derive(object, record, existing, prepared.value, 'update');
    const problem = this.validate(object, record, prepared.value.keys());
    if (problem) return failure(problem, existing.Id);
    this.store.save(object.name, record);
    return { id: existing.Id, success: true, created: false, errors: [] };
  }

  /** References, required fields and unique values of the record as it would be saved. */
  private validate(
    object: ObjectSchema,
    record: SObjectRecord,
    written: Iterable<FieldSchema>,
  ): SalesforceError | undefined {
    for (const field of written) {
      if (field.type !== 'reference') continue;
      const checked = checkReference(field, record[field.name] ?? null, this.store, this.schema);
      if (!checked.ok) return checked.error;
      record[field.name] = checked.value;
    }
    const traits = traitsOf(object);
    const missing = traits.required.filter((field) => {
      const value = record[field.name];
      return value === null || value === undefined || value === '';
    });
    if (missing.length > 0) return dmlErrors.requiredMissing(missing.map((field) => field.name));
    return traits.unique.length > 0 ? findDuplicate(object, record, this.store) : undefined;
  }

  /** Fields the platform computes: Opportunity stage settings, auto-numbered names. */
  private derive(
    object: ObjectSchema,
    record: SObjectRecord,
    before: SObjectRecord | undefined,
    written: Map<FieldSchema, unknown>,
    mode: WriteMode,
  ): void {
    const stage =
      object.name === 'Opportunity' && typeof record.StageName === 'string'
        ? opportunityStage(record.StageName)
        : undefined;
    if (stage) {
      const stageChanged = mode === 'insert' || before?.StageName !== record.StageName;
      const wrote = (name: string) => [...written.keys()].some((field) => field.name === name);
      const set = (name: string, value: unknown, onlyOnStageChange: boolean) => {
        if (!fieldOf(object, name)) return;
        if (onlyOnStageChange && (!stageChanged || wrote(name))) return;
        record[name] = value;
      };
      set('IsClosed', stage.isClosed, false);
      set('IsWon', stage.isWon, false);
      set('Probability', stage.probability, true);
      set('ForecastCategory', stage.forecastCategory, true);
      set('ForecastCategoryName', stage.forecastCategoryName, true);
    }
    if (mode === 'insert') {
      for (const { field, format } of traitsOf(object).autoNumbers) {
        if (record[field.name] === undefined || record[field.name] === null) {
          record[field.name] = this.nextAutoNumber(object, field.name, format);
        }
      }
    }
  }

  private nextAutoNumber(object: ObjectSchema, fieldName: string, format: string): string {
    const key = `${object.name}.${fieldName}`;
    let last = this.autoNumbers.get(key);
    if (last === undefined) {
      // Continue after the highest number already in the org (seeded or loaded data).
      last = 0;
      for (const record of this.store.scan(object.name, true)) {
        const digits = /(\d+)(?!.*\d)/.exec(String(record[fieldName] ?? ''));
        if (digits) last = Math.max(last, Number(digits[1]));
      }
    }
    const next = last + 1;
    this.autoNumbers.set(key, next);
    const numbered = format.replace(/\{(0+)\}/, (_, zeros: string) => String(next).padStart(zeros.length, '0'));
    if (!numbered.includes('{')) return numbered;
    const now = this.options.now();
    return numbered
      .replace(/\{YYYY\}/g, String(now.getUTCFullYear()))
      .replace(/\{YY\}/g, String(now.getUTCFullYear()).slice(2))
      .replace(/\{MM\}/g, String(now.getUTCMonth() + 1).padStart(2, '0'))
      .replace(/\{DD\}/g, String(now.getUTCDate()).padStart(2, '0'));
  }

  /**
   * Moves a record to the recycle bin: master-detail children (cascadeDelete) go with it, lookups
   * pointing at it are cleared (Salesforce's default "clear the value of this field"), remembered so
   * that undelete can put them back.
   */
  private markDeleted(object: ObjectSchema, record: SObjectRecord, stamp: string): void {
    this.store.save(object.name, { ...record, IsDeleted: true, SystemModstamp: stamp });
    for (const relation of object.childRelationships) {
      const childObject = this.schema.get(relation.childSObject);
      if (!childObject) continue;
      const children = [...this.store.children(childObject.name, relation.field, record.Id, false)];
      for (const child of children) {
        if (relation.cascadeDelete) {
          this.markDeleted(childObject, child, stamp);
          continue;
        }
        const field = fieldOf(childObject, relation.field);
        if (!field?.nillable) continue;
        this.store.save(childObject.name, { ...child, [field.name]: null, SystemModstamp: stamp });
        const cleared = this.clearedLookups.get(record.Id) ?? [];
        cleared.push({ objectName: childObject.name, id: child.Id, field: field.name });
        this.clearedLookups.set(record.Id, cleared);
      }
    }
  }

  /** Undoes `markDeleted`: the record and the children deleted with it (same stamp). */
  private restore(
    object: ObjectSchema,
    record: SObjectRecord,
    deletedStamp: unknown,
    stamp: string,
  ): SalesforceError | undefined {
    const restored: SObjectRecord = { ...record, IsDeleted: false, SystemModstamp: stamp };
    const duplicate = findDuplicate(object, restored, this.store);
    if (duplicate) return duplicate;
    this.store.save(object.name, restored);
    for (const { objectName, id, field } of this.clearedLookups.get(record.Id) ?? []) {
      const child = this.store.get(objectName, id);
      if (child && child.IsDeleted !== true && child[field] === null) {
        this.store.save(objectName, { ...child, [field]: record.Id, SystemModstamp: stamp });
      }
    }
    this.clearedLookups.delete(record.Id);
    for (const relation of object.childRelationships) {
      if (!relation.cascadeDelete) continue;
      const childObject = this.schema.get(relation.childSObject);
      if (!childObject) continue;
      for (const child of [...this.store.children(childObject.name, relation.field, record.Id, true)]) {
        if (child.IsDeleted !== true || child.SystemModstamp !== deletedStamp) continue;
        const problem = this.restore(childObject, child, deletedStamp, stamp);
        if (problem) return problem;
      }
    }
    return undefined;
  }

  private findLive(
    object: ObjectSchema,
    id: string,
  ): { record: SObjectRecord } | { error: SalesforceError; id: string | null } {
    const key = canonicalId(id);
    if (!key || key.slice(0, 3) !== object.keyPrefix)
      return { error: dmlErrors.malformedRecordId(object, id), id: null };
    const record = this.store.get(object.name, key);
    if (!record) return { error: dmlErrors.recordMissing(), id: key };
    if (record.IsDeleted === true) return { error: dmlErrors.recordDeleted(), id: key };
    return { record };
  }

  /** The SystemModstamp of the current write, in stored form. */
  private stamp(): string {
    if (this.depth === 0) return formatDateTime(this.store.nextStamp());
    this.transactionStamp ??= formatDateTime(this.store.nextStamp());
    return this.transactionStamp;
  }
}

function withoutKey(fields: Record<string, unknown>, keyName: string): Record<string, unknown> {
  const lower = keyName.toLowerCase();
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (key.toLowerCase() !== lower) result[key] = value;
  return result;
}

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
import { dmlErrors, Invalid, type SalesforceError } from './dml-errors.js';
import { checkReference, findDuplicate, prepareFields, type WriteMode } from './field-checks.js';
import { traitsOf } from './object-traits.js';
import type { OrgStore } from './org-store.js';
import { canonicalId } from './record-id.js';
import { fieldOf, type SchemaLookup } from './schema-lookup.js';

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
  /** Last number handed out per auto-number field. */
  private readonly autoNumbers = new Map<FieldSchema, number>();
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
        if (!object.createable) return failure(dmlErrors.notCreateable(object));
        return this.create(object, fields, keyField);
      }
      return this.update(object.name, externalIdValue, fields);
    }
    if (!keyField.externalId && keyField.autoNumber !== true) {
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
    // The body's own copy of the key (if any) is ignored: the URL's / column's value is the one written.
    const existing = matches[0];
    if (existing) {
      if (!object.updateable) return failure(dmlErrors.notUpdateable(object), existing.Id);
      return this.modify(object, existing, fields, keyField);
    }
    if (!object.createable) return failure(dmlErrors.notCreateable(object));
    return this.create(object, fields, keyField, externalIdValue);
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
    // One transaction with its cascade (children deleted, lookups cleared), as Salesforce commits it.
    return this.transaction(() => {
      this.markDeleted(object, record, this.stamp());
      return { id: key, success: true, created: false, errors: [] } as DmlResult;
    });
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

  /** Inserts; an upsert passes its key field (`upsertKey`) and, when not by Id, the key's value. */
  private create(
    object: ObjectSchema,
    fields: Record<string, unknown>,
    upsertKey?: FieldSchema,
    keyValue?: string,
  ): DmlResult {
    const traits = traitsOf(object);
    // Every new record starts as a copy of one template holding all the object's fields, so each
    // is allocated once at its final size and all share one shape.
    const record = { ...traits.template } as SObjectRecord;
    for (const [name, value] of traits.defaults) record[name] = value;
    const written = prepareFields(object, fields, 'insert', record, this.store, this.schema, upsertKey, keyValue);
    if (written instanceof Invalid) return failure(written.error);
    const id = this.store.newId(object.name);
    const stamp = this.stamp();
    const userId = this.options.currentUserId();
    record.Id = id;
    if (traits.hasOwner && (record.OwnerId === undefined || record.OwnerId === null)) record.OwnerId = userId;
    record.IsDeleted = false;
    record.CreatedDate = stamp;
    record.CreatedById = userId;
    record.LastModifiedDate = stamp;
    record.LastModifiedById = userId;
    record.SystemModstamp = stamp;
    this.derive(object, record, undefined, written, 'insert');
    const problem = this.validate(object, record, written);
    if (problem) return failure(problem);
    this.store.save(object.name, record);
    return { id, success: true, created: true, errors: [] };
  }

  private modify(
    object: ObjectSchema,
    existing: SObjectRecord,
    fields: Record<string, unknown>,
    upsertKey?: FieldSchema,
  ): DmlResult {
    const record: SObjectRecord = { ...existing };
    const written = prepareFields(object, fields, 'update', record, this.store, this.schema, upsertKey);
    if (written instanceof Invalid) return failure(written.error, existing.Id);
    const stamp = this.stamp();
    record.LastModifiedDate = stamp;
    record.LastModifiedById = this.options.currentUserId();
    record.SystemModstamp = stamp;
    this.derive(object, record, existing, written, 'update');
    const problem = this.validate(object, record, written);
    if (problem) return failure(problem, existing.Id);
    this.store.save(object.name, record);
    return { id: existing.Id, success: true, created: false, errors: [] };
  }

  /** References, required fields and unique values of the record as it would be saved. */
  private validate(object: ObjectSchema, record: SObjectRecord, written: FieldSchema[]): SalesforceError | undefined {
    for (const field of written) {
      if (field.type !== 'reference') continue;
      const checked = checkReference(field, record[field.name] ?? null, this.store, this.schema);
      if (checked instanceof Invalid) return checked.error;
      record[field.name] = checked;
      // Only a write of OwnerId is checked: records an owner kept after being deactivated stay valid.
      if (field.name === 'OwnerId' && checked !== null && this.store.get('User', checked)?.IsActive === false) {
        return dmlErrors.inactiveOwner(object, checked);
      }
    }
    const traits = traitsOf(object);
    const missing: string[] = [];
    for (const field of traits.required) {
      const value = record[field.name];
      if (value === null || value === undefined || value === '') missing.push(field.name);
    }
    if (missing.length > 0) return dmlErrors.requiredMissing(missing);
    return traits.unique.length > 0 ? findDuplicate(object, record, this.store) : undefined;
  }

  /** Fields the platform computes: Opportunity stage settings, a Contact's Name, auto-numbered names. */
  private derive(
    object: ObjectSchema,
    record: SObjectRecord,
    before: SObjectRecord | undefined,
    written: FieldSchema[],
    mode: WriteMode,
  ): void {
    const stage =
      object.name === 'Opportunity' && typeof record.StageName === 'string'
        ? opportunityStage(record.StageName)
        : undefined;
    if (stage) {
      const stageChanged = mode === 'insert' || before?.StageName !== record.StageName;
      const wrote = (name: string) => written.some((field) => field.name === name);
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
    if (object.name === 'Contact') {
      // A person's Name is composed from its parts (en_US order), never written directly.
      record.Name = [record.FirstName, record.LastName].filter((part) => typeof part === 'string' && part).join(' ');
    }
    if (mode === 'insert') {
      for (const { field, format } of traitsOf(object).autoNumbers) {
        if (record[field.name] === undefined || record[field.name] === null) {
          record[field.name] = format(this.nextAutoNumber(object, field), this.options.now);
        }
      }
    }
  }

  /** The next counter value of an auto-number field. */
  private nextAutoNumber(object: ObjectSchema, field: FieldSchema): number {
    let last = this.autoNumbers.get(field);
    if (last === undefined) {
      // Continue after the highest number already in the org (seeded or loaded data).
      last = 0;
      for (const record of this.store.scan(object.name, true)) {
        const digits = /(\d+)(?!.*\d)/.exec(String(record[field.name] ?? ''));
        if (digits) last = Math.max(last, Number(digits[1]));
      }
    }
    const next = last + 1;
    this.autoNumbers.set(field, next);
    return next;
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

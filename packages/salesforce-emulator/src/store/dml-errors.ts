/**
 * The per-record error Salesforce returns from DML (SOAP `Error`, REST collections `errors[]`):
 * a stable `statusCode`, a human message worded like Salesforce's, and the fields involved.
 * Messages name fields by label where Salesforce does (`Amount: value not of required type: abc`).
 */
import type { FieldSchema, ObjectSchema } from '../schema/types.js';

export interface SalesforceError {
  statusCode: string;
  message: string;
  fields: string[];
}

/**
 * A refused value: what the per-field checks return instead of the value. Successes return the
 * value itself, so checking the 8 fields of 100,000 records allocates no result objects.
 */
export class Invalid {
  constructor(readonly error: SalesforceError) {}
}

export const DmlErrorCode = {
  invalidType: 'INVALID_TYPE',
  invalidField: 'INVALID_FIELD',
  invalidFieldForInsertUpdate: 'INVALID_FIELD_FOR_INSERT_UPDATE',
  invalidTypeOnField: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
  stringTooLong: 'STRING_TOO_LONG',
  numberOutsideRange: 'NUMBER_OUTSIDE_VALID_RANGE',
  requiredFieldMissing: 'REQUIRED_FIELD_MISSING',
  restrictedPicklist: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
  invalidEmail: 'INVALID_EMAIL_ADDRESS',
  malformedId: 'MALFORMED_ID',
  invalidCrossReference: 'INVALID_CROSS_REFERENCE_KEY',
  fieldIntegrity: 'FIELD_INTEGRITY_EXCEPTION',
  entityIsDeleted: 'ENTITY_IS_DELETED',
  duplicateValue: 'DUPLICATE_VALUE',
  duplicateExternalId: 'DUPLICATE_EXTERNAL_ID',
  insufficientAccess: 'INSUFFICIENT_ACCESS_OR_READONLY',
  undeleteFailed: 'UNDELETE_FAILED',
  unableToLockRow: 'UNABLE_TO_LOCK_ROW',
  inactiveOwner: 'INACTIVE_OWNER_OR_USER',
} as const;
export type DmlErrorCode = (typeof DmlErrorCode)[keyof typeof DmlErrorCode];

function error(statusCode: DmlErrorCode, message: string, fields: string[] = []): SalesforceError {
  return { statusCode, message, fields };
}

export const dmlErrors = {
  /** Salesforce refuses to give a record to an inactive user (the message names the user and the object). */
  inactiveOwner: (object: ObjectSchema, userId: string) =>
    error(
      DmlErrorCode.inactiveOwner,
      `operation performed with inactive user [${userId}] as owner of ${object.name.toLowerCase()}`,
      ['OwnerId'],
    ),
  unknownObject: (name: string) => error(DmlErrorCode.invalidType, `sObject type '${name}' is not supported.`),
  notCreateable: (object: ObjectSchema) =>
    error(DmlErrorCode.invalidType, `entity type cannot be inserted: ${object.label}`),
  notUpdateable: (object: ObjectSchema) =>
    error(DmlErrorCode.insufficientAccess, `entity type cannot be updated: ${object.label}`),
  notDeletable: () => error(DmlErrorCode.insufficientAccess, 'insufficient access rights on object id'),
  unknownField: (object: ObjectSchema, field: string) =>
    error(DmlErrorCode.invalidField, `No such column '${field}' on sobject of type ${object.name}`),
  notWritable: (fields: string[]) =>
    error(
      DmlErrorCode.invalidFieldForInsertUpdate,
      `Unable to create/update fields: ${fields.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      fields,
    ),
  idOnInsert: () => error(DmlErrorCode.invalidFieldForInsertUpdate, 'cannot specify Id in an insert call', ['Id']),
  wrongType: (field: FieldSchema, value: unknown) =>
    error(DmlErrorCode.invalidTypeOnField, `${field.label}: value not of required type: ${show(value)}`, [field.name]),
  tooLong: (field: FieldSchema, value: string) =>
    error(DmlErrorCode.stringTooLong, `${field.label}: data value too large: ${value} (max length=${field.length})`, [
      field.name,
    ]),
  outOfRange: (field: FieldSchema, value: unknown) =>
    error(
      DmlErrorCode.numberOutsideRange,
      `${field.label}: value outside of valid range on numeric field: ${show(value)}`,
      [field.name],
    ),
  requiredMissing: (fields: string[]) =>
    error(DmlErrorCode.requiredFieldMissing, `Required fields are missing: [${fields.join(', ')}]`, fields),
  badPicklist: (field: FieldSchema, value: unknown) =>
    error(DmlErrorCode.restrictedPicklist, `bad value for restricted picklist field: ${show(value)}`, [field.name]),
  badEmail: (field: FieldSchema, value: string) =>
    error(DmlErrorCode.invalidEmail, `${field.label}: invalid email address: ${value}`, [field.name]),
  malformedReference: (field: FieldSchema, value: unknown) =>
    error(DmlErrorCode.malformedId, `${field.label}: id value of incorrect type: ${show(value)}`, [field.name]),
  wrongReferenceType: (field: FieldSchema, value: string) =>
    error(DmlErrorCode.fieldIntegrity, `${field.label}: id value of incorrect type: ${value}`, [field.name]),
  missingReference: (field: FieldSchema) =>
    error(DmlErrorCode.invalidCrossReference, 'invalid cross reference id', [field.name]),
  deletedReference: (field: FieldSchema) => error(DmlErrorCode.entityIsDeleted, 'entity is deleted', [field.name]),
  malformedRecordId: (object: ObjectSchema, id: unknown) =>
    error(DmlErrorCode.malformedId, `${object.label} ID: id value of incorrect type: ${show(id)}`, ['Id']),
  badDeleteId: (id: unknown) => error(DmlErrorCode.malformedId, `bad id ${show(id)}`),
  recordMissing: () => error(DmlErrorCode.invalidCrossReference, 'invalid cross reference id'),
  recordDeleted: () => error(DmlErrorCode.entityIsDeleted, 'entity is deleted'),
  notInRecycleBin: () => error(DmlErrorCode.undeleteFailed, 'Entity is not in the recycle bin'),
  duplicateValue: (field: FieldSchema, holderId: string) =>
    error(
      DmlErrorCode.duplicateValue,
      `duplicate value found: ${field.name} duplicates value on record with id: ${holderId}`,
    ),
  notExternalId: (object: ObjectSchema, field: string) =>
    error(
      DmlErrorCode.invalidField,
      `Field name provided, ${field} is not an External ID or indexed field for ${object.name}`,
    ),
  duplicateExternalId: (field: FieldSchema, ids: string[]) =>
    error(
      DmlErrorCode.duplicateExternalId,
      `${field.label}: more than one record found for external id field: [${ids.join(', ')}]`,
      [field.name],
    ),
  foreignKeyNotFound: (object: ObjectSchema, field: FieldSchema, value: unknown) =>
    error(
      DmlErrorCode.invalidField,
      `Foreign key external ID: ${show(value)} not found for field ${field.name} in entity ${object.name}`,
    ),
  /** Salesforce names the locked records when it knows them (`… or 1 records: 001…`). */
  lockRow: (ids: string[] = []) =>
    error(
      DmlErrorCode.unableToLockRow,
      ids.length > 0
        ? `unable to obtain exclusive access to this record or ${ids.length} records: ${ids.join(',')}`
        : 'unable to obtain exclusive access to this record',
    ),
};

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

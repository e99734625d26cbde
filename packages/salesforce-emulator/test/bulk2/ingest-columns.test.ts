import { describe, expect, it } from 'vitest';
import { CsvFormatError } from '../../src/bulk2/csv.js';
import { planColumns, rowFields } from '../../src/bulk2/ingest-columns.js';
import { SchemaRegistry } from '../../src/schema/registry.js';
import type { FieldSchema, ObjectSchema } from '../../src/schema/types.js';

function field(name: string, extra: Partial<FieldSchema> = {}): FieldSchema {
  return {
    name,
    label: name,
    type: 'string',
    soapType: 'xsd:string',
    nillable: true,
    createable: true,
    updateable: true,
    custom: name.endsWith('__c'),
    ...extra,
  };
}

function object(name: string, keyPrefix: string, fields: FieldSchema[]): ObjectSchema {
  return {
    name,
    label: name,
    labelPlural: name,
    keyPrefix,
    custom: false,
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    fields: [field('Id', { type: 'id', createable: false, updateable: false }), ...fields],
    childRelationships: [],
  };
}

const schema = SchemaRegistry.fromObjects([
  object('Account', '001', [field('Name'), field('Key__c', { externalId: true }), field('Site')]),
  object('Contact', '003', [
    field('LastName'),
    field('AccountId', { type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' }),
  ]),
]);
const contact = schema.get('Contact') as ObjectSchema;

describe('planColumns', () => {
  it('maps fields case-insensitively, the Id column and parent external-id columns', () => {
    const plan = planColumns(schema, contact, ['id', 'lastname', 'Account.Key__c'], 'update', undefined);
    expect(plan.idIndex).toBe(0);
    expect(rowFields(plan, ['003000000000001AAA', 'Smith', 'ACME'])).toEqual({
      LastName: 'Smith',
      Account: { Key__c: 'ACME' },
    });
    expect(rowFields(plan, ['003000000000001AAA', '', '#N/A'])).toEqual({ AccountId: null });
  });

  it('fails the job for unknown columns, non-external parent fields and duplicates', () => {
    expect(() => planColumns(schema, contact, ['LastName', 'Email'], 'insert', undefined)).toThrow(
      new CsvFormatError('InvalidBatch : Field name not found : Email'),
    );
    expect(() => planColumns(schema, contact, ['Account.Site'], 'insert', undefined)).toThrow(
      /Field name not found : Account.Site/,
    );
    expect(() => planColumns(schema, contact, ['LastName', 'LASTNAME'], 'insert', undefined)).toThrow(
      /Duplicate field name/,
    );
  });

  it('finds the upsert key column', () => {
    const account = schema.get('Account') as ObjectSchema;
    const plan = planColumns(schema, account, ['Name', 'KEY__C'], 'upsert', 'Key__c');
    expect(plan.keyIndex).toBe(1);
    expect(plan.keyField?.name).toBe('Key__c');
  });
});

/**
 * A tiny org for SOQL tests: hand-written schemas (User, Opportunity, OpportunitySplit) and an
 * in-memory SoqlSource with an injectable clock. Deliberately independent of the real schema
 * registry and store, so these tests pin SOQL's behaviour alone.
 */
import { IdFactory, to18 } from '../../src/ids.js';
import type { FieldSchema, FieldType, ObjectSchema, SObjectRecord } from '../../src/schema/types.js';
import type { SoqlSource } from '../../src/soql/index.js';

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  picklist: 'xsd:string',
  multipicklist: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
};

export function field(name: string, type: FieldType, extra: Partial<FieldSchema> = {}): FieldSchema {
  return {
    name,
    label: name,
    type,
    soapType: SOAP_TYPES[type],
    nillable: type !== 'boolean' && type !== 'id',
    createable: type !== 'id',
    updateable: type !== 'id',
    custom: name.endsWith('__c'),
    ...extra,
  };
}

function object(
  name: string,
  keyPrefix: string,
  fields: FieldSchema[],
  childRelationships: ObjectSchema['childRelationships'] = [],
): ObjectSchema {
  return {
    name,
    label: name,
    labelPlural: `${name}s`,
    keyPrefix,
    custom: false,
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    fields: [
      field('Id', 'id'),
      field('IsDeleted', 'boolean', { calculated: true }),
      field('CreatedDate', 'datetime', { calculated: true }),
      field('SystemModstamp', 'datetime', { calculated: true }),
      ...fields,
    ],
    childRelationships,
  };
}

const picklist = (...values: string[]) =>
  values.map((value, index) => ({ value, label: value, active: true, defaultValue: index === 0 }));

export const userSchema = object('User', '005', [
  field('Name', 'string'),
  field('Email', 'email'),
  field('IsActive', 'boolean'),
  field('ManagerId', 'reference', { referenceTo: ['User'], relationshipName: 'Manager' }),
]);

export const opportunitySchema = object(
  'Opportunity',
  '006',
  [
    field('Name', 'string'),
    field('Amount', 'currency'),
    field('Probability', 'percent'),
    field('TotalOpportunityQuantity', 'double'),
    field('Units__c', 'int'),
    field('StageName', 'picklist', {
      picklistValues: picklist('Prospecting', 'Qualification', 'Negotiation', 'Closed Won', 'Closed Lost'),
    }),
    field('CloseDate', 'date'),
    field('IsWon', 'boolean'),
    field('Description', 'textarea', { length: 32000 }),
    field('Tags__c', 'multipicklist', { picklistValues: picklist('Alpha', 'Beta', 'Gamma') }),
    field('External_Key__c', 'string', { externalId: true, caseSensitive: true }),
    field('OwnerId', 'reference', { referenceTo: ['User'], relationshipName: 'Owner' }),
  ],
  [
    {
      relationshipName: 'OpportunitySplits',
      childSObject: 'OpportunitySplit',
      field: 'OpportunityId',
      cascadeDelete: true,
    },
  ],
);

export const splitSchema = object('OpportunitySplit', '149', [
  field('OpportunityId', 'reference', { referenceTo: ['Opportunity'], relationshipName: 'Opportunity' }),
  field('SplitOwnerId', 'reference', { referenceTo: ['User'], relationshipName: 'SplitOwner' }),
  field('SplitPercentage', 'percent'),
]);

/** An in-memory SoqlSource: rows per object, a mutable clock. */
export class MemorySource implements SoqlSource {
  private readonly schemas = new Map<string, ObjectSchema>();
  private readonly rows = new Map<string, SObjectRecord[]>();
  private readonly byId = new Map<string, SObjectRecord>();
  private readonly ids = new IdFactory();
  clock = new Date('2026-02-15T12:00:00.000Z');

  constructor(schemas: ObjectSchema[] = [userSchema, opportunitySchema, splitSchema]) {
    for (const schema of schemas) {
      this.schemas.set(schema.name.toLowerCase(), schema);
      this.rows.set(schema.name, []);
    }
  }

  /** Adds a row (Id, IsDeleted and the system stamps filled in unless given) and returns it. */
  insert(objectName: string, values: Record<string, unknown>): SObjectRecord {
    const schema = this.schema(objectName);
    if (!schema) throw new Error(`no schema ${objectName}`);
    const row: SObjectRecord = {
      Id: this.ids.next(schema.keyPrefix),
      IsDeleted: false,
      CreatedDate: '2026-01-01T00:00:00.000+0000',
      SystemModstamp: '2026-01-01T00:00:00.000+0000',
      ...values,
    };
    this.rows.get(schema.name)!.push(row);
    this.byId.set(row.Id, row);
    return row;
  }

  schema(objectName: string): ObjectSchema | undefined {
    return this.schemas.get(objectName.toLowerCase());
  }

  *scan(objectName: string, includeDeleted: boolean): Iterable<SObjectRecord> {
    for (const row of this.rows.get(this.schema(objectName)!.name) ?? []) {
      if (includeDeleted || row.IsDeleted !== true) yield row;
    }
  }

  get(objectName: string, id: string): SObjectRecord | undefined {
    const row = this.byId.get(to18(id));
    return row?.Id.startsWith(this.schema(objectName)!.keyPrefix) ? row : undefined;
  }

  *children(
    childObject: string,
    fieldName: string,
    parentId: string,
    includeDeleted: boolean,
  ): Iterable<SObjectRecord> {
    const full = to18(parentId);
    for (const row of this.scan(childObject, includeDeleted)) if (row[fieldName] === full) yield row;
  }

  now(): Date {
    return this.clock;
  }
}

/** Users, opportunities and splits most tests share. */
export function sampleOrg() {
  const source = new MemorySource();
  const boss = source.insert('User', { Name: 'Bea Boss', Email: 'bea@example.com', IsActive: true, ManagerId: null });
  const ana = source.insert('User', { Name: 'Ana', Email: 'ana@example.com', IsActive: true, ManagerId: boss.Id });
  const ben = source.insert('User', { Name: 'ben', Email: 'ben@example.com', IsActive: false, ManagerId: boss.Id });
  const acme = source.insert('Opportunity', {
    Name: 'Acme renewal',
    Amount: 1000,
    Probability: 50,
    StageName: 'Closed Won',
    CloseDate: '2026-01-31',
    IsWon: true,
    Tags__c: 'Alpha;Beta',
    External_Key__c: 'EXT-1',
    OwnerId: ana.Id,
    SystemModstamp: '2026-01-31T10:00:00.000+0000',
  });
  const globex = source.insert('Opportunity', {
    Name: 'Globex new',
    Amount: 250.5,
    Probability: 10,
    StageName: 'Prospecting',
    CloseDate: '2026-03-15',
    IsWon: false,
    Tags__c: 'Gamma',
    External_Key__c: 'ext-2',
    OwnerId: ben.Id,
    SystemModstamp: '2026-02-10T08:30:00.000+0000',
  });
  const initech = source.insert('Opportunity', {
    Name: "O'Brien 100% deal",
    Amount: null,
    Probability: null,
    StageName: 'Negotiation',
    CloseDate: null,
    IsWon: false,
    Tags__c: null,
    External_Key__c: null,
    OwnerId: null,
    SystemModstamp: '2026-02-14T23:59:59.000+0000',
  });
  const deleted = source.insert('Opportunity', {
    Name: 'Deleted deal',
    Amount: 5,
    StageName: 'Closed Lost',
    CloseDate: '2025-12-01',
    IsWon: false,
    OwnerId: ana.Id,
    IsDeleted: true,
  });
  const split1 = source.insert('OpportunitySplit', {
    OpportunityId: acme.Id,
    SplitOwnerId: ana.Id,
    SplitPercentage: 60,
  });
  const split2 = source.insert('OpportunitySplit', {
    OpportunityId: acme.Id,
    SplitOwnerId: ben.Id,
    SplitPercentage: 40,
  });
  return { source, boss, ana, ben, acme, globex, initech, deleted, split1, split2 };
}

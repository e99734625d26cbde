import { describe, expect, it } from 'vitest';
import { SchemaRegistry } from '../../src/schema/registry.js';
import { OPPORTUNITY_STAGES } from '../../src/schema/standard-objects.js';
import type { FieldSchema, FieldType } from '../../src/schema/types.js';

const registry = SchemaRegistry.load();

function mustField(objectName: string, fieldName: string): FieldSchema {
  const field = registry.field(objectName, fieldName);
  if (!field) throw new Error(`${objectName}.${fieldName} is missing`);
  return field;
}

describe('custom objects from the SFDX package', () => {
  it('loads both objects as custom, with deterministic key prefixes by sorted name', () => {
    const statement = registry.get('Commission_Statement__c');
    const commission = registry.get('Commission__c');
    expect(statement).toMatchObject({
      custom: true,
      keyPrefix: 'a00',
      sharingModel: 'Private',
      labelPlural: 'Commission Statements',
    });
    expect(commission).toMatchObject({ custom: true, keyPrefix: 'a01', sharingModel: 'Private', label: 'Commission' });
  });

  it('declares External_Key__c as a required, unique, case-sensitive external id', () => {
    for (const objectName of ['Commission__c', 'Commission_Statement__c']) {
      expect(mustField(objectName, 'External_Key__c')).toMatchObject({
        type: 'string',
        length: 255,
        externalId: true,
        unique: true,
        caseSensitive: true,
        nillable: false,
        createable: true,
        custom: true,
      });
    }
  });

  const expected: [string, string, FieldType, Partial<FieldSchema>][] = [
    ['Commission__c', 'Plan__c', 'string', { length: 80 }],
    ['Commission__c', 'Period__c', 'string', { length: 10 }],
    ['Commission__c', 'Component__c', 'string', { length: 80 }],
    ['Commission__c', 'Kind__c', 'string', { length: 20 }],
    ['Commission__c', 'Tier__c', 'double', { precision: 3, scale: 0 }],
    ['Commission__c', 'Base__c', 'currency', { precision: 16, scale: 2 }],
    ['Commission__c', 'Amount__c', 'currency', { precision: 16, scale: 2 }],
    ['Commission__c', 'Rate__c', 'double', { precision: 18, scale: 8 }],
    ['Commission__c', 'Explanation__c', 'textarea', { length: 32768 }],
    ['Commission__c', 'Rep__c', 'reference', { referenceTo: ['User'], relationshipName: 'Rep__r' }],
    [
      'Commission__c',
      'Opportunity__c',
      'reference',
      { referenceTo: ['Opportunity'], relationshipName: 'Opportunity__r' },
    ],
    ['Commission_Statement__c', 'Rep__c', 'reference', { referenceTo: ['User'], relationshipName: 'Rep__r' }],
    ['Commission_Statement__c', 'Plan__c', 'string', { length: 80 }],
    ['Commission_Statement__c', 'Period__c', 'string', { length: 10 }],
    ['Commission_Statement__c', 'Quota__c', 'currency', { precision: 16, scale: 2 }],
    ['Commission_Statement__c', 'Credited__c', 'currency', { precision: 16, scale: 2 }],
    ['Commission_Statement__c', 'Attainment__c', 'percent', { precision: 8, scale: 2 }],
    ['Commission_Statement__c', 'Total__c', 'currency', { precision: 16, scale: 2 }],
    ['Commission_Statement__c', 'Calculated_At__c', 'datetime', {}],
  ];
  it.each(expected)('%s.%s is %s', (objectName, fieldName, type, properties) => {
    const field = mustField(objectName, fieldName);
    expect(field.type).toBe(type);
    expect(field).toMatchObject({ ...properties, custom: true, nillable: true, createable: true, updateable: true });
  });

  it('reads the restricted Status__c picklist with Open as default', () => {
    const status = mustField('Commission_Statement__c', 'Status__c');
    expect(status.type).toBe('picklist');
    expect(status.picklistValues?.map((v) => v.value)).toEqual(['Open', 'Locked']);
    expect(status.defaultValue).toBe('Open');
    expect(status.picklistValues?.find((v) => v.defaultValue)?.value).toBe('Open');
  });

  it('adds the standard fields of a custom object: auto-number Name, Owner, currency and system fields', () => {
    expect(mustField('Commission__c', 'Name')).toMatchObject({
      type: 'string',
      createable: false,
      updateable: false,
      custom: false,
    });
    expect(mustField('Commission__c', 'OwnerId')).toMatchObject({
      type: 'reference',
      referenceTo: ['User'],
      relationshipName: 'Owner',
    });
    expect(mustField('Commission__c', 'CurrencyIsoCode').type).toBe('picklist');
    for (const name of [
      'Id',
      'IsDeleted',
      'CreatedDate',
      'CreatedById',
      'LastModifiedDate',
      'LastModifiedById',
      'SystemModstamp',
    ]) {
      expect(mustField('Commission_Statement__c', name)).toMatchObject({ createable: false, updateable: false });
    }
  });

  it('gives parents the child relationships named in the XML (plus __r)', () => {
    expect(registry.childRelationship('Opportunity', 'Commissions__r')).toEqual({
      relationshipName: 'Commissions__r',
      childSObject: 'Commission__c',
      field: 'Opportunity__c',
      cascadeDelete: false,
    });
    expect(registry.childRelationship('User', 'Commissions__r')?.field).toBe('Rep__c');
    expect(registry.childRelationship('User', 'Commission_Statements__r')?.childSObject).toBe(
      'Commission_Statement__c',
    );
  });
});

describe('standard objects', () => {
  const required: Record<string, [string, string][]> = {
    Organization: [['Name', 'string']],
    User: [
      ['Username', 'string'],
      ['Name', 'string'],
      ['FirstName', 'string'],
      ['LastName', 'string'],
      ['Email', 'email'],
      ['IsActive', 'boolean'],
      ['ManagerId', 'reference'],
      ['UserRoleId', 'reference'],
      ['Title', 'string'],
      ['Department', 'string'],
      ['DefaultCurrencyIsoCode', 'picklist'],
      ['TimeZoneSidKey', 'picklist'],
    ],
    Account: [
      ['Name', 'string'],
      ['OwnerId', 'reference'],
    ],
    Opportunity: [
      ['Name', 'string'],
      ['AccountId', 'reference'],
      ['OwnerId', 'reference'],
      ['Amount', 'currency'],
      ['CloseDate', 'date'],
      ['StageName', 'picklist'],
      ['IsWon', 'boolean'],
      ['IsClosed', 'boolean'],
      ['Probability', 'percent'],
      ['Type', 'picklist'],
      ['LeadSource', 'picklist'],
      ['CurrencyIsoCode', 'picklist'],
      ['ForecastCategoryName', 'picklist'],
      ['Description', 'textarea'],
    ],
    OpportunityLineItem: [
      ['OpportunityId', 'reference'],
      ['Product2Id', 'reference'],
      ['PricebookEntryId', 'reference'],
      ['Quantity', 'double'],
      ['UnitPrice', 'currency'],
      ['TotalPrice', 'currency'],
      ['CurrencyIsoCode', 'picklist'],
    ],
    Product2: [
      ['Name', 'string'],
      ['ProductCode', 'string'],
      ['Family', 'picklist'],
      ['IsActive', 'boolean'],
    ],
    Pricebook2: [
      ['Name', 'string'],
      ['IsStandard', 'boolean'],
    ],
    PricebookEntry: [
      ['Pricebook2Id', 'reference'],
      ['Product2Id', 'reference'],
      ['UnitPrice', 'currency'],
    ],
    OpportunitySplit: [
      ['OpportunityId', 'reference'],
      ['SplitOwnerId', 'reference'],
      ['SplitPercentage', 'percent'],
      ['SplitAmount', 'currency'],
      ['SplitTypeId', 'reference'],
      ['CurrencyIsoCode', 'picklist'],
    ],
    OpportunitySplitType: [
      ['MasterLabel', 'string'],
      ['DeveloperName', 'string'],
      ['SplitField', 'string'],
      ['IsActive', 'boolean'],
    ],
    ForecastingQuota: [
      ['QuotaOwnerId', 'reference'],
      ['QuotaAmount', 'currency'],
      ['StartDate', 'date'],
      ['ForecastingTypeId', 'reference'],
      ['CurrencyIsoCode', 'picklist'],
      ['PeriodId', 'reference'],
    ],
    ForecastingType: [['DeveloperName', 'string']],
    CurrencyType: [
      ['IsoCode', 'picklist'],
      ['ConversionRate', 'double'],
      ['IsCorporate', 'boolean'],
      ['IsActive', 'boolean'],
      ['DecimalPlaces', 'int'],
    ],
    DatedConversionRate: [
      ['IsoCode', 'picklist'],
      ['ConversionRate', 'double'],
      ['StartDate', 'date'],
      ['NextStartDate', 'date'],
    ],
    PermissionSet: [
      ['Name', 'string'],
      ['Label', 'string'],
      ['IsOwnedByProfile', 'boolean'],
    ],
    PermissionSetAssignment: [
      ['AssigneeId', 'reference'],
      ['PermissionSetId', 'reference'],
    ],
  };
  it.each(Object.entries(required))(
    '%s has the fields the sync worker reads, with describe types',
    (objectName, fields) => {
      for (const [fieldName, type] of fields)
        expect(mustField(objectName, fieldName).type, `${objectName}.${fieldName}`).toBe(type);
    },
  );

  it('uses the real key prefixes', () => {
    const prefixes = Object.fromEntries(registry.all().map((o) => [o.name, o.keyPrefix]));
    expect(prefixes).toMatchObject({
      Organization: '00D',
      User: '005',
      Account: '001',
      Opportunity: '006',
      OpportunityLineItem: '00k',
      Product2: '01t',
      Pricebook2: '01s',
      PricebookEntry: '01u',
      OpportunitySplit: '149',
      ForecastingQuota: '0J9',
      CurrencyType: '02c',
      DatedConversionRate: '04w',
      PermissionSet: '0PS',
      PermissionSetAssignment: '0Pa',
      Profile: '00e',
      UserRole: '00E',
    });
  });

  it('names the relationships as SOQL expects', () => {
    expect(registry.parentRelationship('Opportunity', 'owner')?.name).toBe('OwnerId');
    expect(registry.parentRelationship('OpportunitySplit', 'SplitOwner')?.referenceTo).toEqual(['User']);
    expect(registry.parentRelationship('User', 'Manager')?.name).toBe('ManagerId');
    expect(registry.parentRelationship('PermissionSetAssignment', 'Assignee')?.name).toBe('AssigneeId');
    expect(registry.childRelationship('Opportunity', 'OpportunitySplits')).toMatchObject({
      childSObject: 'OpportunitySplit',
      field: 'OpportunityId',
    });
    expect(registry.childRelationship('Opportunity', 'OpportunityLineItems')?.cascadeDelete).toBe(true);
    expect(registry.childRelationship('Account', 'Opportunities')?.field).toBe('AccountId');
    expect(registry.childRelationship('User', 'PermissionSetAssignments')?.field).toBe('AssigneeId');
  });

  it('keeps fields Salesforce derives out of reach of DML', () => {
    for (const name of ['IsWon', 'IsClosed', 'ExpectedRevenue', 'ForecastCategory']) {
      expect(mustField('Opportunity', name).createable, name).toBe(false);
    }
    expect(mustField('OpportunitySplit', 'SplitAmount').createable).toBe(false);
    expect(mustField('Opportunity', 'StageName').picklistValues?.map((v) => v.value)).toEqual(
      OPPORTUNITY_STAGES.map((s) => s.name),
    );
  });
});

describe('registry invariants', () => {
  it('gives every object the system fields and a unique key prefix', () => {
    const prefixes = new Set<string>();
    for (const schema of registry.all()) {
      expect(prefixes.has(schema.keyPrefix), schema.name).toBe(false);
      prefixes.add(schema.keyPrefix);
      expect(schema.keyPrefix).toMatch(/^[0-9A-Za-z]{3}$/);
      const names = schema.fields.map((f) => f.name);
      expect(names[0]).toBe('Id');
      expect(new Set(names).size, `${schema.name} has duplicate fields`).toBe(names.length);
      for (const system of [
        'IsDeleted',
        'CreatedDate',
        'CreatedById',
        'LastModifiedDate',
        'LastModifiedById',
        'SystemModstamp',
      ]) {
        expect(names, schema.name).toContain(system);
      }
    }
  });

  it('points every reference at a known object and every child relationship back at its parent', () => {
    for (const schema of registry.all()) {
      for (const field of schema.fields.filter((f) => f.type === 'reference')) {
        expect(field.referenceTo?.length, `${schema.name}.${field.name}`).toBeGreaterThan(0);
        for (const target of field.referenceTo ?? [])
          expect(registry.get(target), `${schema.name}.${field.name} → ${target}`).toBeDefined();
      }
      for (const relationship of schema.childRelationships) {
        const childField = registry.field(relationship.childSObject, relationship.field);
        expect(childField?.referenceTo, `${schema.name}.${relationship.relationshipName}`).toContain(schema.name);
      }
    }
  });

  it('looks names up case-insensitively and key prefixes case-sensitively', () => {
    expect(registry.get('OPPORTUNITY')?.name).toBe('Opportunity');
    expect(registry.get('commission__C')?.name).toBe('Commission__c');
    expect(registry.field('opportunity', 'AMOUNT')?.name).toBe('Amount');
    expect(registry.field('COMMISSION__c', 'external_key__C')?.name).toBe('External_Key__c');
    expect(registry.field('Opportunity', 'NoSuchField__c')).toBeUndefined();
    expect(registry.get('NoSuchObject')).toBeUndefined();
    expect(registry.byKeyPrefix('00e')?.name).toBe('Profile');
    expect(registry.byKeyPrefix('00E')?.name).toBe('UserRole');
    expect(registry.byKeyPrefix('0065g0000000001AAA')?.name).toBe('Opportunity');
    expect(registry.byKeyPrefix('zzz')).toBeUndefined();
  });

  it('gives each registry its own copies of the standard objects', () => {
    const other = SchemaRegistry.load();
    other
      .get('Opportunity')
      ?.childRelationships.push({ relationshipName: 'Extra__r', childSObject: 'X', field: 'Y', cascadeDelete: false });
    expect(registry.get('Opportunity')?.childRelationships.map((r) => r.relationshipName)).not.toContain('Extra__r');
    expect(
      registry.get('Opportunity')?.childRelationships.filter((r) => r.relationshipName === 'Commissions__r'),
    ).toHaveLength(1);
  });
});

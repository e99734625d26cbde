import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_MAPPING, formatMappingIssue, parseFieldMapping } from '../src/mapping.js';
import { validateMappingAgainstOrg } from '../src/mapping-validation.js';
import { describeFrom } from './fixtures/describe.js';

function mapping(document: unknown) {
  const parsed = parseFieldMapping(document);
  if (!parsed.ok) throw new Error(parsed.issues.map(formatMappingIssue).join('\n'));
  return parsed.mapping;
}

describe('parseFieldMapping', () => {
  it('fills in the standard Opportunity fields', () => {
    expect(DEFAULT_FIELD_MAPPING).toEqual({
      object: 'Opportunity',
      id: 'Id',
      owner: 'OwnerId',
      amount: 'Amount',
      closeDate: 'CloseDate',
      won: { field: 'IsWon' },
      fields: {},
      quotas: { source: 'import' },
    });
  });

  it('reads stages, splits, and extra fields with defaults', () => {
    const m = mapping({
      won: { stages: ['Closed Won', 'Signed'] },
      currency: 'CurrencyIsoCode',
      splits: { splitType: 'Revenue' },
      fields: { type: { path: 'Type' }, family: { child: 'OpportunityLineItems', path: 'Product2.Family' } },
    });
    expect(m.won).toEqual({ stageField: 'StageName', stages: ['Closed Won', 'Signed'] });
    expect(m.splits).toEqual({
      relationship: 'OpportunitySplits',
      splitType: 'Revenue',
      owner: 'SplitOwnerId',
      percent: 'SplitPercentage',
    });
    expect(m.fields.family).toEqual({ child: 'OpportunityLineItems', path: 'Product2.Family', pick: 'only' });
  });

  it('refuses malformed documents with a path per problem', () => {
    const parsed = parseFieldMapping({
      amount: 'Amount; DROP',
      won: { stages: [] },
      fields: { 'bad name': { path: 'X' } },
      extra: 1,
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const lines = parsed.issues.map(formatMappingIssue);
    expect(lines).toContain('amount: must be a field API name or a path like Account.Industry');
    expect(lines.some((line) => line.startsWith('won'))).toBe(true);
    expect(lines.some((line) => line.startsWith('fields'))).toBe(true);
    expect(lines.some((line) => line.includes('extra'))).toBe(true);
    expect(parsed.issues.every((issue) => issue.code === 'bad_mapping')).toBe(true);
  });
});

describe('validateMappingAgainstOrg', () => {
  it('accepts a mapping whose every field exists with a usable type', async () => {
    const m = mapping({
      currency: 'CurrencyIsoCode',
      splits: { splitType: 'Revenue' },
      fields: {
        type: { path: 'Type' },
        industry: { path: 'Account.Industry' },
        margin: { path: 'Margin__c' },
        family: { child: 'OpportunityLineItems', path: 'Product2.Family', pick: 'first' },
      },
      assignments: { userPlanField: 'Commission_Plan__c' },
    });
    const describe = describeFrom();
    expect(await validateMappingAgainstOrg(m, describe)).toEqual([]);
    // Every object is described once, however many paths go through it.
    expect(new Set(describe.calls).size).toBe(describe.calls.length);
  });

  it('names the field, the mapping path and a stable code for each problem', async () => {
    const m = mapping({
      amount: 'Type',
      closeDate: 'Close_Date__c',
      owner: 'AccountId',
      won: { field: 'StageName' },
      splits: { percent: 'SplitNote' },
      fields: {
        industry: { path: 'Acount.Industry' },
        address: { path: 'Account.BillingAddress' },
        family: { child: 'LineItems', path: 'Product2.Family' },
      },
    });
    expect(await validateMappingAgainstOrg(m, describeFrom())).toEqual([
      {
        code: 'wrong_type',
        path: ['amount'],
        message:
          'Opportunity.Type has type picklist; amount needs a number field (currency, double, int, long, percent)',
      },
      { code: 'unknown_field', path: ['closeDate'], message: 'Opportunity has no field Close_Date__c' },
      {
        code: 'wrong_type',
        path: ['fields', 'address', 'path'],
        message: 'Account.BillingAddress has type address; fields.address.path needs a field with one value',
      },
      {
        code: 'unknown_relationship',
        path: ['fields', 'family', 'child'],
        message: 'Opportunity has no child relationship LineItems',
      },
      {
        code: 'unknown_relationship',
        path: ['fields', 'industry', 'path'],
        message: 'Opportunity has no parent relationship Acount (in Acount.Industry)',
      },
      {
        code: 'wrong_type',
        path: ['owner'],
        message: 'Opportunity.AccountId has type reference; owner needs a lookup to User',
      },
      {
        code: 'wrong_type',
        path: ['splits', 'percent'],
        message: 'OpportunitySplit.SplitNote has type string; splits.percent needs a percent or number field',
      },
      {
        code: 'wrong_type',
        path: ['won', 'field'],
        message: 'Opportunity.StageName has type picklist; won.field needs a checkbox (boolean) field',
      },
    ]);
  });

  it('reports an unknown object once, and nothing else', async () => {
    const m = mapping({ object: 'Deal__c' });
    expect(await validateMappingAgainstOrg(m, describeFrom())).toEqual([
      { code: 'unknown_object', path: ['object'], message: 'the org has no object Deal__c' },
    ]);
  });

  it('matches names case-insensitively, as Salesforce does', async () => {
    const m = mapping({ amount: 'amount', fields: { industry: { path: 'account.industry' } } });
    expect(await validateMappingAgainstOrg(m, describeFrom())).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseFieldMapping } from '../src/mapping.js';
import { normalizeRecord } from '../src/normalize.js';

function mapping(document: unknown) {
  const parsed = parseFieldMapping(document);
  if (!parsed.ok) throw new Error('bad mapping');
  return parsed.mapping;
}

/** A record as `GET /query` returns it: attributes, parents as objects, children as query results. */
function opportunity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    attributes: { type: 'Opportunity', url: '/services/data/v62.0/sobjects/Opportunity/006000000000001AAA' },
    Id: '006000000000001AAA',
    OwnerId: '005000000000001AAA',
    Amount: 12000.5,
    CloseDate: '2026-02-15',
    IsWon: true,
    StageName: 'Closed Won',
    CurrencyIsoCode: 'EUR',
    Type: 'New Business',
    Account: { attributes: { type: 'Account', url: '/x' }, Industry: 'Energy' },
    SystemModstamp: '2026-02-16T08:30:00.000+0000',
    IsDeleted: false,
    OpportunitySplits: null,
    OpportunityLineItems: null,
    ...overrides,
  };
}
const children = (records: Record<string, unknown>[]) => ({ totalSize: records.length, done: true, records });
const split = (id: string, owner: string, percent: unknown) => ({
  attributes: { type: 'OpportunitySplit', url: '/x' },
  Id: id,
  SplitOwnerId: owner,
  SplitPercentage: percent,
});
const lineItem = (id: string, family: string | null) => ({
  attributes: { type: 'OpportunityLineItem', url: '/x' },
  Id: id,
  Product2: family === null ? null : { attributes: { type: 'Product2', url: '/x' }, Family: family },
});

const full = mapping({
  currency: 'CurrencyIsoCode',
  splits: { splitType: 'Revenue' },
  fields: {
    type: { path: 'Type' },
    industry: { path: 'Account.Industry' },
    family: { child: 'OpportunityLineItems', path: 'Product2.Family' },
  },
});

describe('normalizeRecord', () => {
  it('turns an opportunity with splits and extra fields into an engine deal', () => {
    const result = normalizeRecord(
      opportunity({
        OpportunitySplits: children([split('149B', '005B', 40), split('149A', '005A', 60), split('149C', '005C', 0)]),
        OpportunityLineItems: children([lineItem('00k2', 'Software'), lineItem('00k1', 'Software')]),
      }),
      full,
      { knownCurrencies: new Set(['EUR', 'USD']) },
    );
    expect(result).toEqual({
      kind: 'deal',
      modstampMs: Date.parse('2026-02-16T08:30:00Z'),
      deal: {
        id: '006000000000001AAA',
        ownerId: '005000000000001AAA',
        amount: '12000.5',
        currency: 'EUR',
        closeDate: '2026-02-15',
        won: true,
        fields: { family: 'Software', industry: 'Energy', type: 'New Business' },
        splits: [
          { repId: '005A', percent: '60' },
          { repId: '005B', percent: '40' },
        ],
      },
    });
  });

  it('reads won from a list of stages, and gives null for missing parents and children', () => {
    const m = mapping({
      won: { stages: ['Signed'] },
      fields: { industry: { path: 'Account.Industry' }, family: full.fields.family! },
    });
    const signed = normalizeRecord(opportunity({ StageName: 'Signed', IsWon: false, Account: null }), m);
    expect(signed.kind === 'deal' && signed.deal).toMatchObject({
      won: true,
      fields: { industry: null, family: null },
    });
    const lost = normalizeRecord(opportunity({ StageName: 'Closed Won' }), m);
    expect(lost.kind === 'deal' && lost.deal.won).toBe(false);
  });

  it('leaves currency and splits out when the mapping has none, or the record has no split', () => {
    const plain = normalizeRecord(opportunity(), mapping({}));
    expect(plain).toMatchObject({ kind: 'deal' });
    expect(plain.kind === 'deal' && Object.keys(plain.deal).sort()).toEqual([
      'amount',
      'closeDate',
      'id',
      'ownerId',
      'won',
    ]);
    const noSplits = normalizeRecord(opportunity({ OpportunitySplits: children([]) }), full);
    expect(noSplits.kind === 'deal' && noSplits.deal.splits).toBeUndefined();
  });

  it('takes the date part (UTC) of a datetime close date, and number fields as decimal text', () => {
    const m = mapping({ closeDate: 'Closed_At__c', fields: { margin: { path: 'Margin__c' } } });
    const result = normalizeRecord(opportunity({ Closed_At__c: '2026-02-15T23:30:00.000-0200', Margin__c: 0.35 }), m);
    expect(result.kind === 'deal' && result.deal).toMatchObject({
      closeDate: '2026-02-16',
      fields: { margin: '0.35' },
    });
  });

  it('reports a deleted record from queryAll', () => {
    expect(normalizeRecord(opportunity({ IsDeleted: true, Amount: null }), full)).toEqual({
      kind: 'deleted',
      id: '006000000000001AAA',
      modstampMs: Date.parse('2026-02-16T08:30:00Z'),
    });
  });

  const errorCases: [string, Record<string, unknown>, string, string][] = [
    ['a null amount', { Amount: null }, 'missing_amount', 'Amount is empty'],
    ['a non-numeric amount', { Amount: 'lots' }, 'bad_amount', 'Amount is not a number: lots'],
    ['no owner', { OwnerId: null }, 'missing_owner', 'OwnerId is empty'],
    ['no close date', { CloseDate: null }, 'missing_close_date', 'CloseDate is empty'],
    ['an impossible date', { CloseDate: '2026-02-30' }, 'bad_close_date', 'CloseDate is not a date: 2026-02-30'],
    [
      'a currency the org lacks',
      { CurrencyIsoCode: 'JPY' },
      'unknown_currency',
      'CurrencyIsoCode JPY is not a currency of the org',
    ],
    [
      'a code outside ISO 4217',
      { CurrencyIsoCode: 'XYZ' },
      'unknown_currency',
      'CurrencyIsoCode is not an ISO 4217 currency code: XYZ',
    ],
    [
      'a split over 100 %',
      { OpportunitySplits: children([split('149A', '005A', 150)]) },
      'bad_split',
      'split 149A has percent 150, outside (0, 100]',
    ],
    [
      'a negative split',
      { OpportunitySplits: children([split('149A', '005A', -5)]) },
      'bad_split',
      'split 149A has percent -5, outside (0, 100]',
    ],
    [
      'a split without owner',
      { OpportunitySplits: children([split('149A', '', 100)]) },
      'bad_split',
      'split 149A has no owner',
    ],
    [
      'a rep twice in the splits',
      { OpportunitySplits: children([split('149A', '005A', 50), split('149B', '005A', 50)]) },
      'bad_split',
      'rep 005A appears in two splits',
    ],
    [
      'line items that disagree',
      { OpportunityLineItems: children([lineItem('00k1', 'Software'), lineItem('00k2', 'Services')]) },
      'ambiguous_field',
      'fields.family: its OpportunityLineItems disagree on Product2.Family (Software, Services); set pick: "first" in the mapping or fix the record',
    ],
  ];
  it.each(errorCases)('turns %s into a record-level error value', (_label, overrides, code, message) => {
    const result = normalizeRecord(opportunity(overrides), full, { knownCurrencies: new Set(['EUR', 'USD']) });
    expect(result.kind).toBe('error');
    if (result.kind !== 'error') return;
    expect(result.error).toMatchObject({ recordId: '006000000000001AAA', object: 'Opportunity', code, message });
    expect(result.modstampMs).toBe(Date.parse('2026-02-16T08:30:00Z'));
  });

  it('picks the first line item by id when asked to', () => {
    const m = mapping({
      fields: { family: { child: 'OpportunityLineItems', path: 'Product2.Family', pick: 'first' } },
    });
    const result = normalizeRecord(
      opportunity({ OpportunityLineItems: children([lineItem('00k2', 'Services'), lineItem('00k1', 'Software')]) }),
      m,
    );
    expect(result.kind === 'deal' && result.deal.fields).toEqual({ family: 'Software' });
  });

  it('takes "first" in Salesforce id order: by code unit, upper case before lower case', () => {
    const m = mapping({
      fields: { family: { child: 'OpportunityLineItems', path: 'Product2.Family', pick: 'first' } },
    });
    // Salesforce orders ids 0-9 < A-Z < a-z: …7Z is the lower id (a locale collation puts …7a first).
    const rows = [lineItem('00k000000000007a', 'Services'), lineItem('00k000000000007Z', 'Software')];
    for (const order of [rows, [...rows].reverse()]) {
      const result = normalizeRecord(opportunity({ OpportunityLineItems: children(order) }), m);
      expect(result.kind === 'deal' && result.deal.fields).toEqual({ family: 'Software' });
    }
  });

  it('reports a record without id', () => {
    expect(normalizeRecord(opportunity({ Id: null }), full)).toMatchObject({
      kind: 'error',
      error: { recordId: null, code: 'missing_id', path: ['Id'] },
    });
  });

  it('names the field at fault as a path in the record', () => {
    const options = { knownCurrencies: new Set(['EUR', 'USD']) };
    const pathOf = (overrides: Record<string, unknown>) => {
      const result = normalizeRecord(opportunity(overrides), full, options);
      return result.kind === 'error' ? result.error.path : null;
    };
    expect(pathOf({ Amount: null })).toEqual(['Amount']);
    expect(pathOf({ OpportunitySplits: children([split('149A', '005A', 150)]) })).toEqual([
      'OpportunitySplits',
      'SplitPercentage',
    ]);
    expect(
      pathOf({ OpportunityLineItems: children([lineItem('00k1', 'Software'), lineItem('00k2', 'Services')]) }),
    ).toEqual(['OpportunityLineItems', 'Product2', 'Family']);
  });
});

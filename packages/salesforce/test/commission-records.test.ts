import type { Statement } from '@attain/engine';
import { describe, expect, it } from 'vitest';
import { fractionToPercentText, lineExternalKey, recordsFor, statementExternalKey } from '../src/commission-records.js';

const statement: Statement = {
  repId: '005A',
  planId: 'ae-2026',
  period: '2026-Q1',
  currency: 'USD',
  quota: '100000.00',
  credited: '120000.00',
  attainment: '1.2000',
  total: '10200.00',
  lines: [
    {
      dealId: '006X',
      componentId: 'base',
      kind: 'commission',
      tier: 2,
      base: '12000.00',
      rate: '0.08',
      amount: '960.00',
      explain: '12,000.00 × 8% — tier 2',
    },
    { componentId: 'kicker', kind: 'bonus', amount: '500.00', explain: 'period bonus' },
    { kind: 'cap', amount: '-60.00', explain: 'plan cap' },
  ],
};

describe('recordsFor', () => {
  it('gives one statement record and one commission record per line, with stable keys', () => {
    const records = recordsFor([statement], {
      dealsAreOpportunities: true,
      multiCurrency: false,
      computedAt: '2026-04-01T00:00:00.000Z',
    });
    expect(records.map((r) => [r.object, r.externalKey])).toEqual([
      ['Commission_Statement__c', '005A|ae-2026|2026-Q1'],
      ['Commission__c', '005A|ae-2026|2026-Q1|006X|base|2|commission'],
      ['Commission__c', '005A|ae-2026|2026-Q1|-|kicker|-|bonus'],
      ['Commission__c', '005A|ae-2026|2026-Q1|-|-|-|cap'],
    ]);
    expect(records[0]!.fields).toEqual({
      External_Key__c: '005A|ae-2026|2026-Q1',
      Rep__c: '005A',
      Plan__c: 'ae-2026',
      Period__c: '2026-Q1',
      Quota__c: '100000.00',
      Credited__c: '120000.00',
      Attainment__c: '120.00',
      Total__c: '10200.00',
      Calculated_At__c: '2026-04-01T00:00:00.000Z',
    });
    expect(records[1]!.fields).toEqual({
      External_Key__c: '005A|ae-2026|2026-Q1|006X|base|2|commission',
      Rep__c: '005A',
      Plan__c: 'ae-2026',
      Period__c: '2026-Q1',
      Opportunity__c: '006X',
      Component__c: 'base',
      Kind__c: 'commission',
      Tier__c: 2,
      Base__c: '12000.00',
      Rate__c: '0.08',
      Amount__c: '960.00',
      Explanation__c: '12,000.00 × 8% — tier 2',
    });
    expect(records[3]!.fields).toMatchObject({
      Opportunity__c: null,
      Component__c: null,
      Tier__c: null,
      Base__c: null,
    });
    expect(records.map((r) => r.ledgerKey[0])).toEqual(['S', 'C', 'C', 'C']);
  });

  it('hashes what matters: the computation time does not, an amount does', () => {
    const a = recordsFor([statement], {
      dealsAreOpportunities: true,
      multiCurrency: false,
      computedAt: '2026-04-01T00:00:00Z',
    });
    const b = recordsFor([statement], {
      dealsAreOpportunities: true,
      multiCurrency: false,
      computedAt: '2026-05-01T00:00:00Z',
    });
    expect(b.map((r) => r.hash)).toEqual(a.map((r) => r.hash));
    const changed = {
      ...statement,
      lines: [{ ...statement.lines[0]!, amount: '961.00' }, ...statement.lines.slice(1)],
    };
    const c = recordsFor([changed], { dealsAreOpportunities: true, multiCurrency: false });
    expect(c[1]!.hash).not.toBe(a[1]!.hash);
    expect(c[2]!.hash).toBe(a[2]!.hash);
  });

  it('sets CurrencyIsoCode in multi-currency orgs and leaves Opportunity__c empty for non-opportunity deals', () => {
    const [s, line] = recordsFor([statement], { dealsAreOpportunities: false, multiCurrency: true });
    expect(s!.fields.CurrencyIsoCode).toBe('USD');
    expect(line!.fields).toMatchObject({ CurrencyIsoCode: 'USD', Opportunity__c: null });
  });

  it('numbers repeated keys instead of letting two lines overwrite each other', () => {
    const twice = { ...statement, lines: [statement.lines[1]!, statement.lines[1]!] };
    const keys = recordsFor([twice], { dealsAreOpportunities: true, multiCurrency: false }).map((r) => r.externalKey);
    expect(keys.slice(1)).toEqual(['005A|ae-2026|2026-Q1|-|kicker|-|bonus', '005A|ae-2026|2026-Q1|-|kicker|-|bonus#2']);
  });

  it('keeps keys within 255 characters, distinct for distinct long ids', () => {
    const longA = { ...statement, planId: 'p'.repeat(300) };
    const longB = { ...statement, planId: `${'p'.repeat(299)}q` };
    expect(statementExternalKey(longA)).toHaveLength(255);
    expect(statementExternalKey(longA)).not.toBe(statementExternalKey(longB));
    expect(lineExternalKey(longA, statement.lines[0]!).length).toBeLessThanOrEqual(255);
  });
});

describe('fractionToPercentText', () => {
  it.each([
    ['1.2000', '120.00'],
    ['0.0512', '5.12'],
    ['0', '0'],
    ['1', '100'],
    ['0.5', '50'],
    ['-0.25', '-25'],
    ['12.34567', '1234.567'],
  ])('%s → %s', (fraction, percent) => {
    expect(fractionToPercentText(fraction)).toBe(percent);
  });
});

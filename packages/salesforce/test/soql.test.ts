import { describe, expect, it } from 'vitest';
import { parseFieldMapping } from '../src/mapping.js';
import { buildDealQuery, parseSalesforceDateTime, soqlDateTime, soqlString } from '../src/soql.js';

function mapping(document: unknown) {
  const parsed = parseFieldMapping(document);
  if (!parsed.ok) throw new Error('bad mapping');
  return parsed.mapping;
}

describe('buildDealQuery', () => {
  it('selects the default mapping in full, ordered by SystemModstamp then Id', () => {
    expect(buildDealQuery(mapping({}))).toBe(
      'SELECT Id, OwnerId, Amount, CloseDate, IsWon, SystemModstamp, IsDeleted FROM Opportunity ORDER BY SystemModstamp, Id',
    );
  });

  it('adds an incremental window with the overlap subtracted, rounded down to the second', () => {
    const cursor = Date.parse('2026-02-01T10:00:30.750Z');
    expect(buildDealQuery(mapping({}), { sinceMs: cursor, overlapMs: 60_000 })).toContain(
      'FROM Opportunity WHERE SystemModstamp >= 2026-02-01T09:59:30Z ORDER BY SystemModstamp, Id',
    );
    expect(buildDealQuery(mapping({}), { sinceMs: cursor })).toContain('SystemModstamp >= 2026-02-01T09:59:30Z');
  });

  it('reads stages, currency, parent paths and child subqueries (splits filtered by type)', () => {
    const query = buildDealQuery(
      mapping({
        won: { stages: ['Closed Won'] },
        currency: 'CurrencyIsoCode',
        splits: { splitType: 'Revenue' },
        fields: {
          type: { path: 'Type' },
          industry: { path: 'Account.Industry' },
          again: { path: 'type' },
          family: { child: 'OpportunityLineItems', path: 'Product2.Family' },
          code: { child: 'OpportunityLineItems', path: 'Product2.ProductCode' },
        },
      }),
    );
    expect(query).toBe(
      'SELECT Id, OwnerId, Amount, CloseDate, StageName, CurrencyIsoCode, Type, Account.Industry, SystemModstamp, IsDeleted, ' +
        "(SELECT Id, SplitOwnerId, SplitPercentage FROM OpportunitySplits WHERE SplitType.DeveloperName = 'Revenue'), " +
        '(SELECT Id, Product2.Family, Product2.ProductCode FROM OpportunityLineItems) ' +
        'FROM Opportunity ORDER BY SystemModstamp, Id',
    );
  });
});

describe('SOQL literals and Salesforce datetimes', () => {
  it('escapes strings', () => {
    expect(soqlString("it's \\ here")).toBe("'it\\'s \\\\ here'");
  });
  it('formats and parses datetimes', () => {
    expect(soqlDateTime(Date.parse('2026-03-04T05:06:07.999Z'))).toBe('2026-03-04T05:06:07Z');
    expect(parseSalesforceDateTime('2026-03-04T05:06:07.000+0000')).toBe(Date.parse('2026-03-04T05:06:07Z'));
    expect(parseSalesforceDateTime('2026-03-04T05:06:07.000+02:00')).toBe(Date.parse('2026-03-04T03:06:07Z'));
    expect(parseSalesforceDateTime('2026-03-04T05:06:07Z')).toBe(Date.parse('2026-03-04T05:06:07Z'));
    expect(parseSalesforceDateTime('2026-03-04')).toBeNull();
    expect(parseSalesforceDateTime(17)).toBeNull();
  });
});

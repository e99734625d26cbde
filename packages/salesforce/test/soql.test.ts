import { describe, expect, it } from 'vitest';
import { parseFieldMapping } from '../src/mapping.js';
import {
  buildChangesQuery,
  buildDealQuery,
  buildNewestRowsQuery,
  parseSalesforceDateTime,
  soqlDateTime,
  soqlString,
} from '../src/soql.js';

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
        "(SELECT Id, SplitOwnerId, SplitPercentage FROM OpportunitySplits WHERE IsDeleted = false AND SplitType.DeveloperName = 'Revenue'), " +
        '(SELECT Id, Product2.Family, Product2.ProductCode FROM OpportunityLineItems WHERE IsDeleted = false) ' +
        'FROM Opportunity ORDER BY SystemModstamp, Id',
    );
  });
});

describe('queries that follow child objects', () => {
  it('re-reads parents by id, and lists the changes of a child object since its cursor', () => {
    expect(buildDealQuery(mapping({}), { ids: ['006A', "006'B"] })).toBe(
      'SELECT Id, OwnerId, Amount, CloseDate, IsWon, SystemModstamp, IsDeleted FROM Opportunity ' +
        "WHERE Id IN ('006A','006\\'B') ORDER BY SystemModstamp, Id",
    );
    const cursor = Date.parse('2026-02-01T10:00:30.750Z');
    expect(buildChangesQuery('OpportunitySplit', ['Id', 'OpportunityId'], cursor, 60_000)).toBe(
      'SELECT Id, OpportunityId, SystemModstamp FROM OpportunitySplit WHERE SystemModstamp >= 2026-02-01T09:59:30Z ' +
        'ORDER BY SystemModstamp',
    );
    expect(buildNewestRowsQuery('OpportunityLineItem')).toBe(
      'SELECT Id, SystemModstamp FROM OpportunityLineItem ORDER BY SystemModstamp DESC LIMIT 2000',
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

import { describe, expect, it } from 'vitest';
import { to15 } from '../../src/ids.js';
import { executeSoql } from '../../src/soql/index.js';
import { sampleOrg } from './fixture.js';

const options = { includeDeleted: false, apiVersion: '62.0' };

/** Names of the opportunities (or other rows) a WHERE clause selects, in scan order. */
function names(where: string, from = 'Opportunity'): string[] {
  const { source } = sampleOrg();
  return executeSoql(`SELECT Name FROM ${from} WHERE ${where}`, source, options).records.map(
    (record) => record.Name as string,
  );
}

const ACME = 'Acme renewal';
const GLOBEX = 'Globex new';
const INITECH = "O'Brien 100% deal";

describe('WHERE comparisons', () => {
  it('compares numbers numerically across currency, percent and double', () => {
    expect(names('Amount > 300')).toEqual([ACME]);
    expect(names('Amount >= 250.5')).toEqual([ACME, GLOBEX]);
    expect(names('Amount < 1000')).toEqual([GLOBEX]);
    expect(names('Amount <= 1000')).toEqual([ACME, GLOBEX]);
    expect(names('Amount = 250.50')).toEqual([GLOBEX]);
    expect(names('Probability > -1')).toEqual([ACME, GLOBEX]);
  });

  it('treats != and <> alike and lets them match empty fields, as SOQL does', () => {
    expect(names('Amount != 1000')).toEqual([GLOBEX, INITECH]);
    expect(names('Amount <> 1000')).toEqual([GLOBEX, INITECH]);
  });

  it('filters on null', () => {
    expect(names('Amount = null')).toEqual([INITECH]);
    expect(names('Amount != NULL')).toEqual([ACME, GLOBEX]);
    expect(names('OwnerId = null')).toEqual([INITECH]);
  });

  it('compares strings case-insensitively, except on case-sensitive fields', () => {
    expect(names("Name = 'ACME RENEWAL'")).toEqual([ACME]);
    expect(names("Name != 'acme renewal'")).toEqual([GLOBEX, INITECH]);
    expect(names("External_Key__c = 'EXT-1'")).toEqual([ACME]);
    expect(names("External_Key__c = 'ext-1'")).toEqual([]);
    expect(names("Name > 'b'")).toEqual([GLOBEX, INITECH]);
  });

  it("treats '' like null for text", () => {
    expect(names("External_Key__c = ''")).toEqual([INITECH]);
    expect(names("External_Key__c != ''")).toEqual([ACME, GLOBEX]);
  });

  it('decodes string escapes', () => {
    expect(names("Name = 'O\\'Brien 100% deal'")).toEqual([INITECH]);
    const { source } = sampleOrg();
    source.insert('Opportunity', { Name: 'back\\slash\nnewline' });
    const rows = executeSoql("SELECT Name FROM Opportunity WHERE Name = 'back\\\\slash\\nnewline'", source, options);
    expect(rows.totalSize).toBe(1);
  });

  it('filters booleans with true/false in any case', () => {
    expect(names('IsWon = true')).toEqual([ACME]);
    expect(names('IsWon = FALSE')).toEqual([GLOBEX, INITECH]);
    expect(names('IsWon != True')).toEqual([GLOBEX, INITECH]);
  });

  it('matches ids in 15- or 18-character form, case-sensitively on the 15', () => {
    const { source, acme, ana } = sampleOrg();
    const query = (where: string) => executeSoql(`SELECT Name FROM Opportunity WHERE ${where}`, source, options);
    expect(query(`Id = '${acme.Id}'`).totalSize).toBe(1);
    expect(query(`Id = '${to15(acme.Id)}'`).totalSize).toBe(1);
    expect(query(`OwnerId = '${to15(ana.Id)}'`).totalSize).toBe(1);
    // The fixture's ids carry the pod '5g': the same characters with another case are another id.
    const wrongCase = to15(acme.Id).replace('5g', '5G');
    expect(wrongCase).not.toBe(to15(acme.Id));
    expect(query(`Id = '${wrongCase}'`).totalSize).toBe(0);
    expect(query(`Id IN ('${to15(acme.Id)}')`).totalSize).toBe(1);
  });

  it('compares dates and datetimes chronologically, whatever the literal offset', () => {
    expect(names('CloseDate < 2026-02-01')).toEqual([ACME]);
    expect(names('CloseDate >= 2026-01-31')).toEqual([ACME, GLOBEX]);
    expect(names('CloseDate = 2026-03-15')).toEqual([GLOBEX]);
    expect(names('SystemModstamp > 2026-02-01T00:00:00Z')).toEqual([GLOBEX, INITECH]);
    expect(names('SystemModstamp = 2026-01-31T10:00:00.000Z')).toEqual([ACME]);
    expect(names('SystemModstamp = 2026-01-31T11:00:00+01:00')).toEqual([ACME]);
    expect(names('SystemModstamp < 2026-01-31T11:00:01+01:00')).toEqual([ACME]);
    expect(names('SystemModstamp > 2026-02-14T23:59:58-00:00')).toEqual([INITECH]);
  });

  it('supports IN and NOT IN, including null in the list', () => {
    expect(names("StageName IN ('closed won', 'Prospecting')")).toEqual([ACME, GLOBEX]);
    expect(names("StageName NOT IN ('Closed Won')")).toEqual([GLOBEX, INITECH]);
    expect(names('Amount IN (1000, 5)')).toEqual([ACME]);
    expect(names('Amount IN (1000, null)')).toEqual([ACME, INITECH]);
    expect(names('Amount NOT IN (1000)')).toEqual([GLOBEX, INITECH]);
    expect(names('CloseDate IN (2026-01-31, 2026-03-15)')).toEqual([ACME, GLOBEX]);
  });

  it('supports LIKE with % and _ wildcards, case-insensitively, and escaped wildcards', () => {
    expect(names("Name LIKE 'acme%'")).toEqual([ACME]);
    expect(names("Name LIKE '%NEW'")).toEqual([GLOBEX]);
    expect(names("Name LIKE 'G_obex%'")).toEqual([GLOBEX]);
    expect(names("Name LIKE 'Glob'")).toEqual([]);
    expect(names("Name LIKE '%100\\%%'")).toEqual([INITECH]);
    expect(names("Name LIKE '%1\\_0%'")).toEqual([]);
    expect(names("Name LIKE '%.%'")).toEqual([]);
    expect(names("NOT Name LIKE 'a%'")).toEqual([GLOBEX, INITECH]);
  });

  it('combines with AND, OR, NOT and parentheses', () => {
    expect(names('IsWon = false AND Amount > 100')).toEqual([GLOBEX]);
    expect(names("Amount > 500 OR StageName = 'Negotiation'")).toEqual([ACME, INITECH]);
    expect(names("Amount > 500 OR StageName = 'Negotiation' OR Name LIKE 'G%'")).toEqual([ACME, GLOBEX, INITECH]);
    expect(names("(Amount > 500 OR StageName = 'Negotiation') AND IsWon = false")).toEqual([INITECH]);
    expect(names("Amount > 500 OR (StageName = 'Negotiation' AND IsWon = false)")).toEqual([ACME, INITECH]);
    expect(names('NOT (Amount > 500)')).toEqual([GLOBEX, INITECH]);
    expect(names('NOT Amount > 500 AND IsWon = false')).toEqual([GLOBEX, INITECH]);
    expect(names('((IsWon = true))')).toEqual([ACME]);
  });

  it('filters on parent fields, with empty lookups reading as null', () => {
    expect(names('Owner.IsActive = true')).toEqual([ACME]);
    expect(names("Owner.Name = 'BEN'")).toEqual([GLOBEX]);
    expect(names("Owner.Manager.Name = 'Bea Boss'")).toEqual([ACME, GLOBEX]);
    expect(names('Owner.Name = null')).toEqual([INITECH]);
    expect(names('Owner.IsActive = false')).toEqual([GLOBEX, INITECH]);
  });

  it('supports semi-joins on id fields', () => {
    expect(names('OwnerId IN (SELECT Id FROM User WHERE IsActive = true)')).toEqual([ACME]);
    expect(names('OwnerId NOT IN (SELECT Id FROM User WHERE IsActive = true)')).toEqual([GLOBEX, INITECH]);
    expect(names('Id IN (SELECT OpportunityId FROM OpportunitySplit)')).toEqual([ACME]);
  });

  it('supports INCLUDES / EXCLUDES and set equality on multi-select picklists', () => {
    expect(names("Tags__c INCLUDES ('alpha')")).toEqual([ACME]);
    expect(names("Tags__c INCLUDES ('Alpha;Gamma')")).toEqual([]);
    expect(names("Tags__c INCLUDES ('Alpha;Beta', 'Gamma')")).toEqual([ACME, GLOBEX]);
    expect(names("Tags__c EXCLUDES ('Beta')")).toEqual([GLOBEX, INITECH]);
    expect(names("Tags__c = 'Beta;Alpha'")).toEqual([ACME]);
  });

  it('filters child subqueries independently of the parent filter', () => {
    const { source } = sampleOrg();
    const result = executeSoql(
      "SELECT Name, (SELECT SplitPercentage FROM OpportunitySplits WHERE SplitOwner.Name = 'Ana') FROM Opportunity WHERE Amount > 500",
      source,
      options,
    );
    expect(result.records[0]!.OpportunitySplits).toMatchObject({ totalSize: 1, records: [{ SplitPercentage: 60 }] });
  });
});

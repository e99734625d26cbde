import { describe, expect, it } from 'vitest';
import { executeSoql, parseSoql } from '../../src/soql/index.js';
import { sampleOrg } from './fixture.js';

const options = { includeDeleted: false, apiVersion: '62.0' };

describe('SOQL result shape', () => {
  it('returns only the selected fields, in SELECT order, with canonical casing and attributes', () => {
    const { source, acme } = sampleOrg();
    const result = executeSoql(`select amount, ID, name from OPPORTUNITY where id = '${acme.Id}'`, source, options);
    expect(result.objectName).toBe('Opportunity');
    expect(result.isCount).toBe(false);
    expect(result.totalSize).toBe(1);
    expect(result.columns).toEqual(['Amount', 'Id', 'Name']);
    expect(result.records).toEqual([
      {
        attributes: { type: 'Opportunity', url: `/services/data/v62.0/sobjects/Opportunity/${acme.Id}` },
        Amount: 1000,
        Id: acme.Id,
        Name: 'Acme renewal',
      },
    ]);
    expect(Object.keys(result.records[0]!)).toEqual(['attributes', 'Amount', 'Id', 'Name']);
  });

  it('does not add fields that were not selected', () => {
    const { source } = sampleOrg();
    const result = executeSoql('SELECT Id FROM Opportunity', source, options);
    for (const record of result.records) expect(Object.keys(record)).toEqual(['attributes', 'Id']);
  });

  it('gives null for selected fields with no value, and false for an unset checkbox', () => {
    const { source, initech } = sampleOrg();
    const row = source.insert('User', { Name: 'No flag' });
    const opp = executeSoql(`SELECT Amount, CloseDate FROM Opportunity WHERE Id = '${initech.Id}'`, source, options);
    expect(opp.records[0]).toMatchObject({ Amount: null, CloseDate: null });
    const user = executeSoql(`SELECT IsActive, Email FROM User WHERE Id = '${row.Id}'`, source, options);
    expect(user.records[0]).toMatchObject({ IsActive: false, Email: null });
  });

  it('nests parent fields under the relationship name, merging fields of the same parent', () => {
    const { source, acme, ana, boss } = sampleOrg();
    const result = executeSoql(
      `SELECT Owner.Name, Id, owner.manager.name, Owner.Email FROM Opportunity WHERE Id = '${acme.Id}'`,
      source,
      options,
    );
    expect(result.columns).toEqual(['Owner.Name', 'Id', 'Owner.Manager.Name', 'Owner.Email']);
    const record = result.records[0]!;
    expect(Object.keys(record)).toEqual(['attributes', 'Owner', 'Id']);
    expect(record.Owner).toEqual({
      attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${ana.Id}` },
      Name: 'Ana',
      Manager: {
        attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${boss.Id}` },
        Name: 'Bea Boss',
      },
      Email: 'ana@example.com',
    });
  });

  it('gives null for an empty lookup at any level', () => {
    const { source, initech, boss } = sampleOrg();
    const empty = executeSoql(`SELECT Id, Owner.Name FROM Opportunity WHERE Id = '${initech.Id}'`, source, options);
    expect(empty.records[0]!.Owner).toBeNull();
    source.insert('Opportunity', { Name: 'Boss deal', OwnerId: boss.Id });
    const deep = executeSoql("SELECT Owner.Manager.Name FROM Opportunity WHERE Name = 'Boss deal'", source, options);
    expect(deep.records[0]!.Owner).toEqual({ attributes: expect.objectContaining({ type: 'User' }), Manager: null });
  });

  it('gives child subqueries as { totalSize, done, records }, or null when empty', () => {
    const { source, acme, globex, split1, split2, ana } = sampleOrg();
    const result = executeSoql(
      `SELECT Name, (SELECT SplitPercentage, SplitOwner.Name FROM OpportunitySplits ORDER BY SplitPercentage DESC)
       FROM Opportunity WHERE Id IN ('${acme.Id}', '${globex.Id}') ORDER BY Name`,
      source,
      options,
    );
    expect(result.columns).toEqual(['Name', 'OpportunitySplits']);
    const [first, second] = result.records;
    expect(first!.OpportunitySplits).toEqual({
      totalSize: 2,
      done: true,
      records: [
        {
          attributes: { type: 'OpportunitySplit', url: `/services/data/v62.0/sobjects/OpportunitySplit/${split1.Id}` },
          SplitPercentage: 60,
          SplitOwner: {
            attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${ana.Id}` },
            Name: 'Ana',
          },
        },
        expect.objectContaining({
          SplitPercentage: 40,
          attributes: expect.objectContaining({ url: expect.stringContaining(split2.Id) }),
        }),
      ],
    });
    expect(second!.OpportunitySplits).toBeNull();
  });

  it('filters, limits and names the child relationship case-insensitively in subqueries', () => {
    const { source, acme } = sampleOrg();
    const result = executeSoql(
      `SELECT Id, (SELECT Id FROM opportunitysplits WHERE SplitPercentage < 50 LIMIT 5) FROM Opportunity WHERE Id = '${acme.Id}'`,
      source,
      options,
    );
    expect(result.columns).toEqual(['Id', 'OpportunitySplits']);
    const splits = result.records[0]!.OpportunitySplits as { totalSize: number; records: unknown[] };
    expect(splits.totalSize).toBe(1);
    const limited = executeSoql(
      `SELECT Id, (SELECT Id FROM OpportunitySplits ORDER BY SplitPercentage LIMIT 1) FROM Opportunity WHERE Id = '${acme.Id}'`,
      source,
      options,
    );
    expect((limited.records[0]!.OpportunitySplits as { totalSize: number }).totalSize).toBe(1);
  });

  it('counts with COUNT()', () => {
    const { source } = sampleOrg();
    const result = executeSoql('SELECT COUNT() FROM Opportunity', source, options);
    expect(result).toEqual({ totalSize: 3, records: [], objectName: 'Opportunity', isCount: true, columns: [] });
    const filtered = executeSoql('select count() from Opportunity where IsWon = false', source, options);
    expect(filtered.totalSize).toBe(2);
    const all = executeSoql('SELECT COUNT() FROM Opportunity', source, { ...options, includeDeleted: true });
    expect(all.totalSize).toBe(4);
  });

  it('includes deleted rows only for queryAll', () => {
    const { source, deleted } = sampleOrg();
    const query = `SELECT Id, IsDeleted FROM Opportunity WHERE Id = '${deleted.Id}'`;
    expect(executeSoql(query, source, options).totalSize).toBe(0);
    const all = executeSoql(query, source, { ...options, includeDeleted: true });
    expect(all.records).toEqual([expect.objectContaining({ Id: deleted.Id, IsDeleted: true })]);
  });

  it('accepts a table alias and the object name as a field qualifier', () => {
    const { source, acme } = sampleOrg();
    const aliased = executeSoql(
      `SELECT o.Name, o.Owner.Name FROM Opportunity o WHERE o.Id = '${acme.Id}'`,
      source,
      options,
    );
    expect(aliased.columns).toEqual(['Name', 'Owner.Name']);
    expect(aliased.records[0]).toMatchObject({ Name: 'Acme renewal', Owner: { Name: 'Ana' } });
    const qualified = executeSoql(`SELECT Opportunity.Name FROM Opportunity WHERE Id = '${acme.Id}'`, source, options);
    expect(qualified.records[0]).toMatchObject({ Name: 'Acme renewal' });
  });

  it('uses the requested API version in attribute urls and runs a pre-parsed query', () => {
    const { source, acme } = sampleOrg();
    const parsed = parseSoql(`SELECT Id FROM Opportunity WHERE Id = '${acme.Id}'`);
    const result = executeSoql(parsed, source, { includeDeleted: false, apiVersion: '58.0' });
    expect(result.records[0]!.attributes).toEqual({
      type: 'Opportunity',
      url: `/services/data/v58.0/sobjects/Opportunity/${acme.Id}`,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { executeSoql, parseSoql, SoqlError } from '../../src/soql/index.js';
import { sampleOrg } from './fixture.js';

const options = { includeDeleted: false, apiVersion: '62.0' };

function errorOf(query: string): SoqlError {
  const { source } = sampleOrg();
  try {
    executeSoql(query, source, options);
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  throw new Error(`expected a SoqlError for: ${query}`);
}

/** The 1-based column Salesforce reports for the first occurrence of `needle`. */
function columnOf(query: string, needle: string): number {
  return query.indexOf(needle) + 1;
}

describe('INVALID_FIELD / INVALID_TYPE, in Salesforce words', () => {
  it('reports an unknown column exactly like Salesforce', () => {
    const error = errorOf('SELECT Id, Bogus__c FROM Opportunity');
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toBe(
      "\nSELECT Id, Bogus__c FROM Opportunity\n           ^\nERROR at Row:1:Column:12\nNo such column 'Bogus__c' on entity 'Opportunity'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
    );
    expect(error.position).toEqual({ row: 1, column: 12 });
  });

  it('reports an unknown object as INVALID_TYPE', () => {
    const error = errorOf('SELECT Id FROM Foo');
    expect(error.errorCode).toBe('INVALID_TYPE');
    expect(error.message).toBe(
      "\nSELECT Id FROM Foo\n               ^\nERROR at Row:1:Column:16\nsObject type 'Foo' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
    );
  });

  it('names the parent entity for an unknown field behind a relationship', () => {
    const error = errorOf('SELECT Owner.Bogus FROM Opportunity');
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.detail).toMatch(/^No such column 'Bogus' on entity 'User'\./);
  });

  it('reports an unknown relationship in a path', () => {
    const error = errorOf('SELECT Id FROM Opportunity WHERE Bogus.Name = null');
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.detail).toBe(
      "Didn't understand relationship 'Bogus' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.",
    );
    // A lookup field's name is not its relationship name.
    expect(errorOf('SELECT OwnerId.Name FROM Opportunity').errorCode).toBe('INVALID_FIELD');
    // Selecting a relationship itself is not a column.
    expect(errorOf('SELECT Owner FROM Opportunity').detail).toMatch(/^No such column 'Owner'/);
  });

  it('reports an unknown child relationship in a subquery as INVALID_TYPE', () => {
    const query = 'SELECT Id, (SELECT Id FROM OpportunitySplit) FROM Opportunity';
    const error = errorOf(query);
    expect(error.errorCode).toBe('INVALID_TYPE');
    expect(error.detail).toMatch(/^Didn't understand relationship 'OpportunitySplit' in FROM part of query call\./);
    expect(error.position).toEqual({ row: 1, column: columnOf(query, 'OpportunitySplit)') });
  });

  it('checks WHERE and ORDER BY fields too, pointing at the right row on multi-line queries', () => {
    const error = errorOf('SELECT Id\nFROM Opportunity\nWHERE Bogus = 1');
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message.startsWith('\nWHERE Bogus = 1\n      ^\nERROR at Row:3:Column:7\nNo such column')).toBe(true);
    expect(errorOf('SELECT Id FROM Opportunity ORDER BY Bogus').errorCode).toBe('INVALID_FIELD');
  });
});

describe('long text areas', () => {
  it('can be selected but not filtered or sorted, as in Salesforce', () => {
    const { source } = sampleOrg();
    expect(executeSoql('SELECT Description FROM Opportunity', source, options).totalSize).toBe(3);
    const filtered = errorOf("SELECT Id FROM Opportunity WHERE Description = 'x'");
    expect(filtered.errorCode).toBe('INVALID_FIELD');
    expect(filtered.detail).toBe("field 'Description' can not be filtered in a query call");
    expect(errorOf('SELECT Id FROM Opportunity ORDER BY Description').detail).toBe(
      "field 'Description' can not be sorted in a query call",
    );
  });
});

describe('literal type checks', () => {
  it.each([
    [
      "Amount = '100'",
      "value of filter criterion for field 'Amount' must be of type double and should not be enclosed in quotes",
    ],
    [
      "Units__c = '3'",
      "value of filter criterion for field 'Units__c' must be of type integer and should not be enclosed in quotes",
    ],
    [
      "IsWon = 'true'",
      "value of filter criterion for field 'IsWon' must be of type boolean and should not be enclosed in quotes",
    ],
    ['Name = 5', "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes"],
    [
      "CloseDate = '2026-01-01'",
      "value of filter criterion for field 'CloseDate' must be of type date and should not be enclosed in quotes",
    ],
    [
      'CloseDate = 2026-01-01T00:00:00Z',
      "value of filter criterion for field 'CloseDate' must be of type date and should not be enclosed in quotes",
    ],
    [
      'SystemModstamp > 2026-01-01',
      "value of filter criterion for field 'SystemModstamp' must be of type dateTime and should not be enclosed in quotes",
    ],
    [
      'Amount = TODAY',
      "value of filter criterion for field 'Amount' must be of type double and should not be enclosed in quotes",
    ],
    [
      'OwnerId = 5',
      "value of filter criterion for field 'OwnerId' must be of type id and should be enclosed in quotes",
    ],
    [
      "Amount IN (1, '2')",
      "value of filter criterion for field 'Amount' must be of type double and should not be enclosed in quotes",
    ],
    [
      "Owner.IsActive = 'yes'",
      "value of filter criterion for field 'IsActive' must be of type boolean and should not be enclosed in quotes",
    ],
  ])('%s', (where, detail) => {
    const query = `SELECT Id FROM Opportunity WHERE ${where}`;
    const error = errorOf(query);
    expect(error.errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
    expect(error.detail).toBe(detail);
  });

  it('rejects malformed ids', () => {
    const error = errorOf("SELECT Id FROM Opportunity WHERE Id = 'abc'");
    expect(error.errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
    expect(error.detail).toBe('invalid ID field: abc');
  });

  it('rejects LIKE on non-text fields and INCLUDES on non-multipicklists', () => {
    expect(errorOf("SELECT Id FROM Opportunity WHERE Amount LIKE '1%'").errorCode).toBe(
      'INVALID_QUERY_FILTER_OPERATOR',
    );
    expect(errorOf("SELECT Id FROM Opportunity WHERE Name INCLUDES ('a')").errorCode).toBe(
      'INVALID_QUERY_FILTER_OPERATOR',
    );
  });
});

describe('MALFORMED_QUERY', () => {
  it('rejects AND and OR mixed without parentheses, pointing at the operator', () => {
    const query = 'SELECT Id FROM Opportunity WHERE IsWon = true AND Amount > 5 OR Amount < 1';
    const error = errorOf(query);
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.detail).toBe("unexpected token: 'OR'");
    expect(error.position).toEqual({ row: 1, column: columnOf(query, 'OR ') });
    expect(
      errorOf('SELECT Id FROM Opportunity WHERE (IsWon = true OR Amount > 5) AND Amount < 1 or Name = null').detail,
    ).toBe("unexpected token: 'or'");
  });

  it.each([
    ['SELECT Id FROM', "unexpected token: '<EOF>'"],
    ['SELECT FROM Opportunity', "unexpected token: 'FROM'"],
    ['SELECT Id, FROM Opportunity', "unexpected token: 'FROM'"],
    ['SELECT Id FROM Opportunity WHERE', "unexpected token: '<EOF>'"],
    ['SELECT Id FROM Opportunity WHERE Amount', "unexpected token: '<EOF>'"],
    ['SELECT Id FROM Opportunity WHERE Amount 5', "unexpected token: '5'"],
    ["SELECT Id FROM Opportunity LIMIT 'x'", "unexpected token: 'x'"],
    ['SELECT Id FROM Opportunity LIMIT 1.5', "unexpected token: '1.5'"],
    ['SELECT Id FROM Opportunity ORDER BY Name LIMIT 5 WHERE Amount > 1', "unexpected token: 'WHERE'"],
    ['SELECT Id FROM Opportunity LIMIT 5 ORDER BY Name', "unexpected token: 'ORDER'"],
    ['SELECT Id FROM Opportunity WHERE Name = bogus', "unexpected token: 'bogus'"],
    ['SELECT Id FROM Opportunity WHERE CloseDate = LAST_N_DAYS', "unexpected token: '<EOF>'"],
    ['SELECT Id FROM Opportunity WHERE CloseDate = TODAY:3', "unexpected token: ':'"],
    ['SELECT Id FROM Opportunity WHERE Name = "x"', 'unexpected token: \'"x"\''],
    ['SELECT Id FROM Opportunity WHERE (Amount > 1', "unexpected token: '<EOF>'"],
    ['SELECT Id FROM Opportunity WHERE Amount IN ()', "unexpected token: ')'"],
    ['SELECT Id FROM Opportunity ORDER BY Name NULLS', "unexpected token: '<EOF>'"],
    ['SELECT Id FROM Opportunity Opp extra', "unexpected token: 'extra'"],
  ])('%s', (query, detail) => {
    const error = errorOf(query);
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.detail).toBe(detail);
  });

  it('rejects unterminated strings and unknown escapes', () => {
    expect(errorOf("SELECT Id FROM Opportunity WHERE Name = 'x").errorCode).toBe('MALFORMED_QUERY');
    const badEscape = errorOf("SELECT Id FROM Opportunity WHERE Name = 'a\\qb'");
    expect(badEscape.errorCode).toBe('MALFORMED_QUERY');
    expect(badEscape.detail).toContain("Illegal character sequence '\\q'");
  });

  it('rejects impossible dates', () => {
    expect(errorOf('SELECT Id FROM Opportunity WHERE CloseDate = 2026-02-30').detail).toBe('Invalid date: 2026-02-30');
    expect(errorOf('SELECT Id FROM Opportunity WHERE SystemModstamp > 2026-01-01T25:00:00Z').errorCode).toBe(
      'MALFORMED_QUERY',
    );
    // Salesforce wants a zone on datetime literals.
    expect(errorOf('SELECT Id FROM Opportunity WHERE SystemModstamp > 2026-01-01T10:00:00').errorCode).toBe(
      'MALFORMED_QUERY',
    );
  });

  it.each([
    ['SELECT StageName, COUNT(Id) FROM Opportunity GROUP BY StageName', 'COUNT(…)'],
    ['SELECT SUM(Amount) FROM Opportunity', 'SUM(…)'],
    ['SELECT Id FROM Opportunity GROUP BY Id', 'GROUP BY'],
    ['SELECT Id FROM Opportunity WITH SECURITY_ENFORCED', 'WITH'],
    ['SELECT Id FROM Opportunity FOR UPDATE', 'FOR VIEW'],
    ['SELECT Id FROM Opportunity ALL ROWS', 'ALL ROWS'],
    ['SELECT FIELDS(ALL) FROM Opportunity LIMIT 200', 'FIELDS(…)'],
    ['SELECT TYPEOF Owner WHEN User THEN Name END FROM Opportunity', 'TYPEOF'],
    ['SELECT toLabel(StageName) FROM Opportunity', 'toLabel(…)'],
    ['SELECT Id FROM Opportunity WHERE CALENDAR_YEAR(CloseDate) = 2026', 'CALENDAR_YEAR(…)'],
    ['SELECT Id FROM Opportunity USING SCOPE mine', 'USING SCOPE'],
  ])('says clearly that %s is unsupported', (query, what) => {
    const error = errorOf(query);
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.detail).toContain(what);
    expect(error.detail).toContain('is not supported by the Attain Salesforce emulator');
  });

  it('rejects COUNT() next to fields or in a subquery', () => {
    expect(errorOf('SELECT Id, COUNT() FROM Opportunity').errorCode).toBe('MALFORMED_QUERY');
    expect(errorOf('SELECT Id, (SELECT COUNT() FROM OpportunitySplits) FROM Opportunity').errorCode).toBe(
      'MALFORMED_QUERY',
    );
  });

  it('rejects a field selected twice, whatever its casing', () => {
    const error = errorOf('SELECT Name, Id, name FROM Opportunity');
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.detail).toBe('duplicate field selected: Name');
  });

  it('allows five relationship levels in a path, not six', () => {
    const five = 'Owner.Manager.Manager.Manager.Manager.Name';
    const { source } = sampleOrg();
    expect(executeSoql(`SELECT ${five} FROM Opportunity`, source, options).totalSize).toBe(3);
    expect(errorOf('SELECT Owner.Manager.Manager.Manager.Manager.Manager.Name FROM Opportunity').errorCode).toBe(
      'MALFORMED_QUERY',
    );
  });
});

describe('parseSoql', () => {
  it('reads keywords in any case and keeps names as written', () => {
    const query = parseSoql(
      "select id, owner.NAME, (select Id from OpportunitySplits where SplitPercentage > 10 order by Id limit 3) from opportunity o where not (amount > 5 or name like 'a%') order by CloseDate desc nulls last, Name limit 10 offset 5",
    );
    expect(query.from).toEqual({ name: 'opportunity', offset: expect.any(Number) });
    expect(query.alias).toBe('o');
    expect(query.select.map((item) => item.kind)).toEqual(['field', 'field', 'subquery']);
    expect(query.select[1]).toMatchObject({ kind: 'field', path: { segments: ['owner', 'NAME'] } });
    expect(query.select[2]).toMatchObject({
      kind: 'subquery',
      query: { from: { name: 'OpportunitySplits' }, limit: 3 },
    });
    expect(query.where).toMatchObject({
      kind: 'not',
      term: { kind: 'or', terms: [{ kind: 'compare' }, { kind: 'like' }] },
    });
    expect(query.orderBy).toEqual([
      { path: expect.objectContaining({ segments: ['CloseDate'] }), descending: true, nullsFirst: false },
      { path: expect.objectContaining({ segments: ['Name'] }), descending: false },
    ]);
    expect(query.limit).toBe(10);
    expect(query.offset).toBe(5);
  });

  it('parses literals: escapes, negative numbers, date literals with n, datetimes with offsets', () => {
    const query = parseSoql(
      "SELECT Id FROM Opportunity WHERE Name = 'it\\'s' AND Amount > -1.5 AND CloseDate = LAST_N_DAYS:30 AND SystemModstamp < 2026-01-31T10:00:00.000+01:00",
    );
    expect(query.where).toMatchObject({
      kind: 'and',
      terms: [
        { value: { kind: 'string', value: "it's" } },
        { value: { kind: 'number', value: -1.5 } },
        { value: { kind: 'dateLiteral', name: 'LAST_N_DAYS', n: 30 } },
        { value: { kind: 'datetime', text: '2026-01-31T10:00:00.000+01:00' } },
      ],
    });
  });
});

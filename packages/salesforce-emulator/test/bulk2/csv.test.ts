import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ColumnDelimiter,
  type ColumnDelimiterName,
  CsvFormatError,
  LineEnding,
  type LineEndingName,
  minimalField,
  parseCsv,
  quoteField,
} from '../../src/bulk2/csv.js';

const comma = { delimiter: 'COMMA', lineEnding: 'LF' } as const;

describe('parseCsv', () => {
  it('reads quoted fields with doubled quotes, delimiters and line breaks inside', () => {
    const text = 'Name,Note\n"Acme, Inc.","said ""hi""\nthen left"\nplain,\n';
    expect(parseCsv(text, comma)).toEqual([
      ['Name', 'Note'],
      ['Acme, Inc.', 'said "hi"\nthen left'],
      ['plain', ''],
    ]);
  });

  it('accepts a missing final line ending and ignores trailing blank lines', () => {
    expect(parseCsv('A,B\n1,2', comma)).toEqual([
      ['A', 'B'],
      ['1', '2'],
    ]);
    expect(parseCsv('A,B\n1,2\n\n\n', comma)).toEqual([
      ['A', 'B'],
      ['1', '2'],
    ]);
  });

  it('uses the job delimiter and line ending', () => {
    expect(parseCsv('A|B\r\n"x|y"|2\r\n', { delimiter: 'PIPE', lineEnding: 'CRLF' })).toEqual([
      ['A', 'B'],
      ['x|y', '2'],
    ]);
    expect(parseCsv('A\tB\n1,5\t2\n', { delimiter: 'TAB', lineEnding: 'LF' })).toEqual([
      ['A', 'B'],
      ['1,5', '2'],
    ]);
  });

  it('refuses CRLF data in an LF job (and the reverse) like Salesforce', () => {
    expect(() => parseCsv('A,B\r\n1,2\r\n', comma)).toThrow(
      'LineEnding is invalid on user data. Current LineEnding setting is LF',
    );
    expect(() => parseCsv('A,B\n1,2\n', { delimiter: 'COMMA', lineEnding: 'CRLF' })).toThrow(CsvFormatError);
  });

  it('refuses unterminated quotes, stray quotes and ragged rows', () => {
    expect(() => parseCsv('A,B\n"open,2\n', comma)).toThrow(/Unterminated quoted field/);
    expect(() => parseCsv('A,B\nab"c,2\n', comma)).toThrow(/double quote inside an unquoted field/);
    expect(() => parseCsv('A,B\n"x"y,2\n', comma)).toThrow(/after a closing quote/);
    expect(() => parseCsv('A,B\n1,2,3\n', comma)).toThrow(/Row 2 has 3 fields but the header has 2/);
  });

  it('strips a UTF-8 byte order mark', () => {
    expect(parseCsv('\uFEFFId\n001\n', comma)).toEqual([['Id'], ['001']]);
  });

  it('round-trips any table written with quoteField, for every dialect', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'Z', '1', ' ', '"', ',', ';', '|', '^', '`', '\t', '\n', 'é'),
    });
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((width) =>
            fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }),
          ),
        fc.constantFrom(...(Object.keys(ColumnDelimiter) as ColumnDelimiterName[])),
        fc.constantFrom(...(Object.keys(LineEnding) as LineEndingName[])),
        (rows, delimiter, lineEnding) => {
          const text =
            rows.map((row) => row.map(quoteField).join(ColumnDelimiter[delimiter])).join(LineEnding[lineEnding]) +
            LineEnding[lineEnding];
          expect(parseCsv(text, { delimiter, lineEnding })).toEqual(rows);
        },
      ),
    );
  });
});

describe('field writers', () => {
  it('quoteField always quotes and doubles inner quotes', () => {
    expect(quoteField('a"b')).toBe('"a""b"');
    expect(quoteField('')).toBe('""');
  });

  it('minimalField quotes only when needed', () => {
    expect(minimalField('Name', 'COMMA')).toBe('Name');
    expect(minimalField('a,b', 'COMMA')).toBe('"a,b"');
    expect(minimalField('a,b', 'PIPE')).toBe('a,b');
  });
});

/**
 * The CSV dialect of Bulk API 2.0: RFC 4180 quoting (`"` doubled inside quoted fields), one of six
 * column delimiters and LF or CRLF line endings, both chosen per job. Hand-written rather than
 * csv-parse/csv-stringify because the emulator needs Salesforce's exact failure messages (line
 * endings that do not match the job, unterminated quotes, ragged rows) and must parse 100,000-row
 * uploads in tens of milliseconds; a single-pass scanner over `indexOf` gives both in ~150 lines.
 */

/** The `columnDelimiter` values a job accepts, and the character each stands for. */
export const ColumnDelimiter = {
  BACKQUOTE: '`',
  CARET: '^',
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  TAB: '\t',
} as const;
export type ColumnDelimiterName = keyof typeof ColumnDelimiter;

export const LineEnding = { LF: '\n', CRLF: '\r\n' } as const;
export type LineEndingName = keyof typeof LineEnding;

export function isColumnDelimiter(value: unknown): value is ColumnDelimiterName {
  return typeof value === 'string' && Object.hasOwn(ColumnDelimiter, value);
}

export function isLineEnding(value: unknown): value is LineEndingName {
  return value === 'LF' || value === 'CRLF';
}

/** Why an uploaded file could not be read; `message` is the text Salesforce puts in `errorMessage`. */
export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
}

export interface CsvDialect {
  delimiter: ColumnDelimiterName;
  lineEnding: LineEndingName;
}

/**
 * Rows of `text` (the header included) as strings. A final line ending is optional; blank lines at
 * the very end are ignored. Every row must have as many fields as the header.
 */
export function parseCsv(text: string, dialect: CsvDialect): string[][] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  checkLineEnding(body, dialect.lineEnding);
  const delimiter = ColumnDelimiter[dialect.delimiter];
  const eol = LineEnding[dialect.lineEnding];
  const rows: string[][] = [];
  const length = trimTrailingLineEndings(body, eol);
  let row: string[] = [];
  let pos = 0;
  let line = 1;
  while (pos < length) {
    let value: string;
    if (body.charCodeAt(pos) === 34 /* " */) {
      // Quoted field: runs to the next lone quote; `""` is a literal quote and may span lines.
      let start = pos + 1;
      value = '';
      for (;;) {
        const quote = body.indexOf('"', start);
        if (quote === -1 || quote >= length) {
          throw new CsvFormatError(`ClientInputError : Unterminated quoted field starting on line ${line}`);
        }
        value += body.slice(start, quote);
        if (body.charCodeAt(quote + 1) === 34) {
          value += '"';
          start = quote + 2;
          continue;
        }
        pos = quote + 1;
        break;
      }
      line += countNewlines(value);
      if (pos < length && !body.startsWith(delimiter, pos) && !body.startsWith(eol, pos)) {
        throw new CsvFormatError(`ClientInputError : Unexpected character after a closing quote on line ${line}`);
      }
    } else {
      const end = nextBoundary(body, pos, length, delimiter, eol);
      value = body.slice(pos, end);
      if (value.includes('"')) {
        throw new CsvFormatError(`ClientInputError : A double quote inside an unquoted field on line ${line}`);
      }
      pos = end;
    }
    row.push(value);
    if (pos >= length || body.startsWith(eol, pos)) {
      rows.push(row);
      row = [];
      pos += eol.length;
      line++;
    } else {
      pos += delimiter.length;
      if (pos >= length) row.push('');
      if (pos >= length) rows.push(row);
    }
  }
  checkWidths(rows);
  return rows;
}

/** Index of the next delimiter or line ending at or after `from`, or `length`. */
function nextBoundary(text: string, from: number, length: number, delimiter: string, eol: string): number {
  const d = text.indexOf(delimiter, from);
  const e = text.indexOf(eol, from);
  let end = length;
  if (d !== -1 && d < end) end = d;
  if (e !== -1 && e < end) end = e;
  return end;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function trimTrailingLineEndings(text: string, eol: string): number {
  let end = text.length;
  while (end >= eol.length && text.startsWith(eol, end - eol.length)) end -= eol.length;
  return end;
}

/**
 * Salesforce rejects a file whose header line does not end the way the job says (the classic
 * Windows-file-in-an-LF-job mistake) instead of storing `\r` in the last column.
 */
function checkLineEnding(text: string, lineEnding: LineEndingName): void {
  const firstNewline = headerEnd(text);
  if (firstNewline === -1) return;
  const crlf = firstNewline > 0 && text.charCodeAt(firstNewline - 1) === 13;
  if (crlf !== (lineEnding === 'CRLF')) {
    throw new CsvFormatError(
      `ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is ${lineEnding}`,
    );
  }
}

/** Index of the first LF outside double quotes (the end of the header row), or -1. */
function headerEnd(text: string): number {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34) inQuotes = !inQuotes;
    else if (code === 10 && !inQuotes) return i;
  }
  return -1;
}

function checkWidths(rows: string[][]): void {
  const width = rows[0]?.length ?? 0;
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i] as string[];
    if (row.length !== width) {
      throw new CsvFormatError(`ClientInputError : Row ${i + 1} has ${row.length} fields but the header has ${width}`);
    }
  }
}

/** A field in double quotes with inner quotes doubled: how Salesforce writes every result value. */
export function quoteField(value: string): string {
  return value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
}

/** A field quoted only when it has to be (delimiter, quote, CR or LF inside): for echoed headers. */
export function minimalField(value: string, delimiter: ColumnDelimiterName): string {
  const d = ColumnDelimiter[delimiter];
  return value.includes(d) || /["\r\n]/.test(value) ? quoteField(value) : value;
}

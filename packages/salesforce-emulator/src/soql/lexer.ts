/**
 * SOQL tokens. Keywords are not special here: every word is an `identifier` and the parser compares
 * them case-insensitively, because SOQL lets most keywords double as field names (`Last`, `First`).
 * Date and datetime values are recognised here (`2026-01-31`, `2026-01-31T10:00:00.000+01:00`) so the
 * parser never has to glue `2026`, `-01`, `-31` back together.
 */
import { SoqlError, SoqlErrorCode, SoqlMessages } from './soql-error.js';

export const TokenKind = {
  identifier: 'identifier',
  string: 'string',
  number: 'number',
  date: 'date',
  datetime: 'datetime',
  punct: 'punct',
  eof: 'eof',
} as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

export interface Token {
  kind: TokenKind;
  /** The token as written (for strings: the text between the quotes, escapes undecoded). */
  text: string;
  /** Offset in the query text, for error positions. */
  offset: number;
}

const DATETIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})/y;
const DATE = /\d{4}-\d{2}-\d{2}(?![\w:])/y;
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?![\w.])/y;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
const TWO_CHAR_PUNCT = new Set(['!=', '<>', '<=', '>=']);
const ONE_CHAR_PUNCT = new Set(['(', ')', ',', '.', '=', '<', '>', ':']);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f') {
      i++;
      continue;
    }
    if (ch === "'") {
      const end = findStringEnd(text, i);
      tokens.push({ kind: TokenKind.string, text: text.slice(i + 1, end), offset: i });
      i = end + 1;
      continue;
    }
    const isDigitStart = isDigit(ch) || ((ch === '-' || ch === '+' || ch === '.') && isDigit(text[i + 1] ?? ''));
    if (isDigitStart) {
      const matched =
        matchAt(DATETIME, text, i, TokenKind.datetime) ??
        matchAt(DATE, text, i, TokenKind.date) ??
        matchAt(NUMBER, text, i, TokenKind.number);
      if (matched) {
        tokens.push(matched);
        i += matched.text.length;
        continue;
      }
    }
    const identifier = matchAt(IDENTIFIER, text, i, TokenKind.identifier);
    if (identifier) {
      tokens.push(identifier);
      i += identifier.text.length;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (TWO_CHAR_PUNCT.has(two)) {
      tokens.push({ kind: TokenKind.punct, text: two, offset: i });
      i += 2;
      continue;
    }
    if (ONE_CHAR_PUNCT.has(ch)) {
      tokens.push({ kind: TokenKind.punct, text: ch, offset: i });
      i++;
      continue;
    }
    throw SoqlError.at(SoqlErrorCode.malformedQuery, text, i, SoqlMessages.unexpectedToken(readWord(text, i)));
  }
  tokens.push({ kind: TokenKind.eof, text: '<EOF>', offset: text.length });
  return tokens;
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

function matchAt(pattern: RegExp, text: string, offset: number, kind: TokenKind): Token | undefined {
  pattern.lastIndex = offset;
  const match = pattern.exec(text);
  return match ? { kind, text: match[0], offset } : undefined;
}

function findStringEnd(text: string, start: number): number {
  for (let j = start + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === "'") return j;
  }
  throw SoqlError.at(SoqlErrorCode.malformedQuery, text, start, SoqlMessages.unexpectedToken(text.slice(start)));
}

function readWord(text: string, offset: number): string {
  const match = /\S+/y;
  match.lastIndex = offset;
  return match.exec(text)?.[0] ?? text.slice(offset, offset + 1);
}

/** The escapes Salesforce accepts in string literals, besides `\%` and `\_` (which only LIKE treats specially). */
const ESCAPES: Record<string, string> = {
  n: '\n',
  N: '\n',
  r: '\r',
  R: '\r',
  t: '\t',
  T: '\t',
  b: '\b',
  B: '\b',
  f: '\f',
  F: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/**
 * One decoded piece of a string literal: plain text, or (for LIKE) a wildcard that was written
 * unescaped. `\%` and `\_` decode to literal text.
 */
export type StringPiece = { text: string } | { wildcard: '%' | '_' };

/**
 * Decodes a string literal's raw text into pieces. Throws MALFORMED_QUERY on an escape Salesforce
 * does not know, at the backslash's position.
 */
export function decodeString(raw: string, query: string, rawOffset: number): StringPiece[] {
  const pieces: StringPiece[] = [];
  let buffer = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '%' || ch === '_') {
      if (buffer) pieces.push({ text: buffer });
      buffer = '';
      pieces.push({ wildcard: ch });
      continue;
    }
    if (ch !== '\\') {
      buffer += ch;
      continue;
    }
    const next = raw[i + 1] ?? '';
    i++;
    if (next === '%' || next === '_') buffer += next;
    else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 1, i + 5))) {
      buffer += String.fromCharCode(Number.parseInt(raw.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (next in ESCAPES) buffer += ESCAPES[next];
    else {
      throw SoqlError.at(
        SoqlErrorCode.malformedQuery,
        query,
        rawOffset + i - 1,
        `Invalid string literal '${raw}'. Illegal character sequence '\\${next}' in string literal.`,
      );
    }
  }
  if (buffer) pieces.push({ text: buffer });
  return pieces;
}

/** The plain value of a decoded literal (wildcards are ordinary characters outside LIKE). */
export function piecesToText(pieces: StringPiece[]): string {
  let text = '';
  for (const piece of pieces) text += 'text' in piece ? piece.text : piece.wildcard;
  return text;
}

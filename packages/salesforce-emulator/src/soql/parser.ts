/**
 * A recursive-descent parser for the SOQL the emulator serves. Clause order is strict, as in
 * Salesforce: SELECT … FROM … [WHERE] [ORDER BY] [LIMIT] [OFFSET]. Mixing AND and OR at one level
 * without parentheses is rejected (`unexpected token: 'OR'`), like the real parser. Clauses the
 * emulator does not implement (GROUP BY, WITH, aggregates, TYPEOF, …) fail with MALFORMED_QUERY and a
 * sentence that says so, rather than being silently ignored.
 */
import type { ComparisonOperator, Condition, FieldPath, Literal, OrderItem, SelectItem, SoqlQuery } from './ast.js';
import { dateLiteralTakesN } from './date-literals.js';
import { decodeString, piecesToText, type Token, TokenKind, tokenize } from './lexer.js';
import { SoqlError, SoqlErrorCode, SoqlMessages } from './soql-error.js';

const CLAUSE_WORDS = new Set(['WHERE', 'WITH', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'FOR', 'USING', 'ALL']);
const RESERVED = new Set([
  ...CLAUSE_WORDS,
  'AND',
  'OR',
  'NOT',
  'SELECT',
  'FROM',
  'IN',
  'LIKE',
  'INCLUDES',
  'EXCLUDES',
  'NULL',
  'NULLS',
  'ASC',
  'DESC',
  'TRUE',
  'FALSE',
]);
const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);
const OPERATORS: Record<string, ComparisonOperator> = {
  '=': '=',
  '!=': '!=',
  '<>': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};
const NOT_SUPPORTED = 'is not supported by the Attain Salesforce emulator';

/** Parses one SOQL query; throws SoqlError (MALFORMED_QUERY) with Salesforce-style positions. */
export function parseSoql(text: string): SoqlQuery {
  const parser = new Parser(text, tokenize(text));
  const query = parser.query();
  parser.expectEnd();
  return query;
}

class Parser {
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  query(): SoqlQuery {
    this.expectWord('SELECT');
    const select = this.selectList();
    this.expectWord('FROM');
    const fromToken = this.next();
    if (fromToken.kind !== TokenKind.identifier || RESERVED.has(fromToken.text.toUpperCase())) {
      throw this.unexpected(fromToken);
    }
    const query: SoqlQuery = {
      text: this.text,
      select,
      from: { name: fromToken.text, offset: fromToken.offset },
      orderBy: [],
    };
    const aliasToken = this.peek();
    if (aliasToken.kind === TokenKind.identifier && !RESERVED.has(aliasToken.text.toUpperCase())) {
      query.alias = this.next().text;
    }
    this.rejectClauses('USING', 'USING SCOPE');
    if (this.acceptWord('WHERE')) query.where = this.condition();
    this.rejectClauses('WITH', 'WITH');
    this.rejectClauses('GROUP', 'GROUP BY');
    this.rejectClauses('HAVING', 'HAVING');
    if (this.acceptWord('ORDER')) {
      this.expectWord('BY');
      query.orderBy = this.orderList();
    }
    if (this.acceptWord('LIMIT')) query.limit = this.nonNegativeInteger();
    if (this.acceptWord('OFFSET')) {
      query.offsetValueOffset = this.peek().offset;
      query.offset = this.nonNegativeInteger();
    }
    this.rejectClauses('FOR', 'FOR VIEW / FOR REFERENCE / FOR UPDATE');
    this.rejectClauses('ALL', 'ALL ROWS (use the queryAll resource instead)');
    return query;
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== TokenKind.eof) throw this.unexpected(token);
  }

  // ── SELECT list ──────────────────────────────────────────────────────────────────────────────

  private selectList(): SelectItem[] {
    const items: SelectItem[] = [this.selectItem()];
    while (this.acceptPunct(',')) items.push(this.selectItem());
    return items;
  }

  private selectItem(): SelectItem {
    const token = this.peek();
    if (this.isPunct(token, '(')) {
      this.next();
      if (!this.isWord(this.peek(), 'SELECT')) throw this.unexpected(this.peek());
      const query = this.query();
      this.expectPunct(')');
      return { kind: 'subquery', query, offset: token.offset };
    }
    if (token.kind !== TokenKind.identifier || RESERVED.has(token.text.toUpperCase())) throw this.unexpected(token);
    const upper = token.text.toUpperCase();
    if (upper === 'TYPEOF') throw this.unsupported(token, 'TYPEOF');
    if (this.isPunct(this.peek(1), '(')) {
      if (upper === 'COUNT' && this.isPunct(this.peek(2), ')')) {
        this.index += 3;
        return { kind: 'count', offset: token.offset };
      }
      if (AGGREGATES.has(upper)) throw this.unsupported(token, `The aggregate function ${upper}(…)`);
      throw this.unsupported(token, `The function ${token.text}(…)`);
    }
    return { kind: 'field', path: this.fieldPath() };
  }

  private fieldPath(): FieldPath {
    const first = this.next();
    if (first.kind !== TokenKind.identifier || RESERVED.has(first.text.toUpperCase())) throw this.unexpected(first);
    const segments = [first.text];
    while (this.isPunct(this.peek(), '.')) {
      this.next();
      const segment = this.next();
      if (segment.kind !== TokenKind.identifier) throw this.unexpected(segment);
      segments.push(segment.text);
    }
    return { segments, offset: first.offset };
  }

  // ── WHERE ────────────────────────────────────────────────────────────────────────────────────

  private condition(): Condition {
    const first = this.unary();
    const terms = [first];
    let connector: 'AND' | 'OR' | undefined;
    for (;;) {
      const token = this.peek();
      const word = token.kind === TokenKind.identifier ? token.text.toUpperCase() : '';
      if (word !== 'AND' && word !== 'OR') break;
      // Salesforce insists on parentheses when AND and OR meet at one level.
      if (connector && connector !== word) throw this.unexpected(token);
      connector = word;
      this.next();
      terms.push(this.unary());
    }
    if (!connector) return first;
    return { kind: connector === 'AND' ? 'and' : 'or', terms };
  }

  private unary(): Condition {
    if (this.acceptWord('NOT')) return { kind: 'not', term: this.unary() };
    if (this.acceptPunct('(')) {
      const inner = this.condition();
      this.expectPunct(')');
      return inner;
    }
    return this.simpleCondition();
  }

  private simpleCondition(): Condition {
    const head = this.peek();
    if (head.kind === TokenKind.identifier && this.isPunct(this.peek(1), '(')) {
      throw this.unsupported(head, `The function ${head.text}(…) in WHERE`);
    }
    const field = this.fieldPath();
    const token = this.next();
    if (token.kind === TokenKind.punct && token.text in OPERATORS) {
      return {
        kind: 'compare',
        field,
        operator: OPERATORS[token.text]!,
        value: this.value(),
        operatorOffset: token.offset,
      };
    }
    const word = token.kind === TokenKind.identifier ? token.text.toUpperCase() : '';
    if (word === 'LIKE') return { kind: 'like', field, value: this.value() };
    if (word === 'IN') return this.inCondition(field, false);
    if (word === 'NOT' && this.acceptWord('IN')) return this.inCondition(field, true);
    if (word === 'INCLUDES' || word === 'EXCLUDES') {
      return { kind: 'includes', field, negated: word === 'EXCLUDES', values: this.valueList() };
    }
    throw this.unexpected(token);
  }

  private inCondition(field: FieldPath, negated: boolean): Condition {
    if (this.isPunct(this.peek(), '(') && this.isWord(this.peek(1), 'SELECT')) {
      this.next();
      const query = this.query();
      this.expectPunct(')');
      return { kind: 'inQuery', field, negated, query };
    }
    return { kind: 'in', field, negated, values: this.valueList() };
  }

  private valueList(): Literal[] {
    this.expectPunct('(');
    const values = [this.value()];
    while (this.acceptPunct(',')) values.push(this.value());
    this.expectPunct(')');
    return values;
  }

  private value(): Literal {
    const token = this.next();
    const offset = token.offset;
    switch (token.kind) {
      case TokenKind.string: {
        const pieces = decodeString(token.text, this.text, offset + 1);
        return { kind: 'string', value: piecesToText(pieces), pieces, offset };
      }
      case TokenKind.number:
        return { kind: 'number', value: Number(token.text), text: token.text, offset };
      case TokenKind.date:
        this.checkCalendar(token);
        return { kind: 'date', text: token.text, offset };
      case TokenKind.datetime:
        this.checkCalendar(token);
        return { kind: 'datetime', text: token.text, offset };
      case TokenKind.identifier:
        return this.wordValue(token);
      default:
        throw this.unexpected(token);
    }
  }

  private wordValue(token: Token): Literal {
    const upper = token.text.toUpperCase();
    const offset = token.offset;
    if (upper === 'NULL') return { kind: 'null', offset };
    if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'boolean', value: upper === 'TRUE', offset };
    const takesN = dateLiteralTakesN(upper);
    if (takesN === undefined) throw this.unexpected(token);
    if (!takesN) {
      if (this.isPunct(this.peek(), ':')) throw this.unexpected(this.peek());
      return { kind: 'dateLiteral', name: upper, offset };
    }
    this.expectPunct(':');
    const n = this.nonNegativeInteger();
    return { kind: 'dateLiteral', name: upper, n, offset };
  }

  private checkCalendar(token: Token): void {
    const [year, month, day] = token.text.slice(0, 10).split('-').map(Number) as [number, number, number];
    const probe = new Date(Date.UTC(year, month - 1, day));
    const time = token.text.slice(11, 19).split(':').map(Number);
    const validTime = time.length < 3 || ((time[0] ?? 0) < 24 && (time[1] ?? 0) < 60 && (time[2] ?? 0) < 60);
    if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || !validTime) {
      throw SoqlError.at(SoqlErrorCode.malformedQuery, this.text, token.offset, `Invalid date: ${token.text}`);
    }
  }

  // ── ORDER BY / LIMIT / OFFSET ───────────────────────────────────────────────────────────────

  private orderList(): OrderItem[] {
    const items: OrderItem[] = [];
    do {
      const head = this.peek();
      if (head.kind === TokenKind.identifier && this.isPunct(this.peek(1), '(')) {
        throw this.unsupported(head, `The function ${head.text}(…) in ORDER BY`);
      }
      const item: OrderItem = { path: this.fieldPath(), descending: false };
      if (this.acceptWord('DESC')) item.descending = true;
      else this.acceptWord('ASC');
      if (this.acceptWord('NULLS')) {
        if (this.acceptWord('FIRST')) item.nullsFirst = true;
        else if (this.acceptWord('LAST')) item.nullsFirst = false;
        else throw this.unexpected(this.peek());
      }
      items.push(item);
    } while (this.acceptPunct(','));
    return items;
  }

  private nonNegativeInteger(): number {
    const token = this.next();
    if (token.kind !== TokenKind.number || !/^\d+$/.test(token.text)) throw this.unexpected(token);
    return Number(token.text);
  }

  // ── token helpers ───────────────────────────────────────────────────────────────────────────

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  private isWord(token: Token, word: string): boolean {
    return token.kind === TokenKind.identifier && token.text.toUpperCase() === word;
  }

  private isPunct(token: Token, punct: string): boolean {
    return token.kind === TokenKind.punct && token.text === punct;
  }

  private acceptWord(word: string): boolean {
    if (!this.isWord(this.peek(), word)) return false;
    this.next();
    return true;
  }

  private acceptPunct(punct: string): boolean {
    if (!this.isPunct(this.peek(), punct)) return false;
    this.next();
    return true;
  }

  private expectWord(word: string): void {
    const token = this.next();
    if (!this.isWord(token, word)) throw this.unexpected(token);
  }

  private expectPunct(punct: string): void {
    const token = this.next();
    if (!this.isPunct(token, punct)) throw this.unexpected(token);
  }

  private rejectClauses(word: string, clause: string): void {
    const token = this.peek();
    if (this.isWord(token, word)) throw this.unsupported(token, clause);
  }

  private unexpected(token: Token): SoqlError {
    return SoqlError.at(
      SoqlErrorCode.malformedQuery,
      this.text,
      token.offset,
      SoqlMessages.unexpectedToken(token.text),
    );
  }

  private unsupported(token: Token, what: string): SoqlError {
    return SoqlError.at(SoqlErrorCode.malformedQuery, this.text, token.offset, `${what} ${NOT_SUPPORTED}`);
  }
}

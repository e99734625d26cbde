/**
 * The parsed form of a SOQL query. Names are kept as written (case and all); the compiler resolves
 * them against the schema. Every node keeps the offset of its first token so semantic errors
 * (unknown field, wrong literal type) can point at it the way Salesforce does.
 */
import type { StringPiece } from './lexer.js';

export interface FieldPath {
  /** Segments as written: `['Owner', 'Manager', 'Name']`. */
  segments: string[];
  offset: number;
}

export type SelectItem =
  | { kind: 'field'; path: FieldPath }
  | { kind: 'count'; offset: number }
  | { kind: 'subquery'; query: SoqlQuery; offset: number };

export type Literal =
  | { kind: 'string'; value: string; pieces: StringPiece[]; offset: number }
  | { kind: 'number'; value: number; text: string; offset: number }
  | { kind: 'boolean'; value: boolean; offset: number }
  | { kind: 'null'; offset: number }
  | { kind: 'date'; text: string; offset: number }
  | { kind: 'datetime'; text: string; offset: number }
  /** `TODAY`, `LAST_N_DAYS:7`: `name` upper-cased, `n` given for the `:n` forms. */
  | { kind: 'dateLiteral'; name: string; n?: number; offset: number };

export const ComparisonOperator = {
  eq: '=',
  ne: '!=',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
} as const;
export type ComparisonOperator = (typeof ComparisonOperator)[keyof typeof ComparisonOperator];

export type Condition =
  | { kind: 'and'; terms: Condition[] }
  | { kind: 'or'; terms: Condition[] }
  | { kind: 'not'; term: Condition }
  | { kind: 'compare'; field: FieldPath; operator: ComparisonOperator; value: Literal; operatorOffset: number }
  | { kind: 'like'; field: FieldPath; value: Literal }
  | { kind: 'in'; field: FieldPath; negated: boolean; values: Literal[] }
  /** `OwnerId IN (SELECT Id FROM User WHERE …)` */
  | { kind: 'inQuery'; field: FieldPath; negated: boolean; query: SoqlQuery }
  /** Multi-select picklists: `INCLUDES ('a;b', 'c')` = has (a and b) or has c. */
  | { kind: 'includes'; field: FieldPath; negated: boolean; values: Literal[] };

export interface OrderItem {
  path: FieldPath;
  descending: boolean;
  /** As written; when absent Salesforce puts nulls first for ASC and last for DESC. */
  nullsFirst?: boolean;
}

export interface SoqlQuery {
  /** The full query text the offsets refer to (for a subquery, the outer query's text). */
  text: string;
  select: SelectItem[];
  /** Object name (top level) or child relationship name (subquery), as written. */
  from: { name: string; offset: number };
  /** `FROM Opportunity o`: fields may then be written `o.Amount`. */
  alias?: string;
  where?: Condition;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
  /** Offset of the OFFSET value, for the range error. */
  offsetValueOffset?: number;
}

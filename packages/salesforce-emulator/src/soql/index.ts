/**
 * SOQL for the emulator: parse, then evaluate against a `SoqlSource` (the store). Pure: no I/O, and
 * the clock comes from the source. See README.md in this folder for what is supported.
 */
export type {
  ComparisonOperator,
  Condition,
  FieldPath,
  Literal,
  OrderItem,
  SelectItem,
  SoqlQuery,
} from './ast.js';
export { describeQueryColumns, type QueryColumn, type QueryColumns } from './column-metadata.js';
export { resolveDateLiteral } from './date-literals.js';
export { executeSoql, MAX_OFFSET } from './executor.js';
export { parseDateTimeMs } from './field-values.js';
export { parseSoql } from './parser.js';
export { SoqlError, SoqlErrorCode, type SoqlErrorPosition, SoqlMessages } from './soql-error.js';
export type { SoqlExecuteOptions, SoqlResult, SoqlSource } from './source.js';

/**
 * @attain/engine — plan-language v1 and v2, exact and pure. No I/O, clock, randomness or environment here:
 * documents in, documents out.
 *
 * - input: parseInput, validate, validatePlan, validateWhatIfDeal, formatIssue, formatPath, IssueCode
 * - computation: compute, computeEach, computeStatements, computeFor, statementKeysOf, dependentStatementKeys,
 *   estimate, compare
 * - money and values for the worker and API (strings at the edges, exact inside): Decimal and its
 *   operations, the rounding modes, currency minor units, money text, dates and periods
 * - for all of Attain: `Problem` and `formatPath` (one shape and one path format for every problem
 *   found anywhere) and decimal text (`values/decimal-text.ts`, also the side-effect-free entry
 *   `@attain/engine/decimal-text` for the widget)
 */

export { compare } from './compare.js';
export { compute, computeFor, statementKeysOf } from './compute.js';
export { computeEach, computeStatements } from './compute-each.js';
export { estimate } from './estimate.js';
export { currencyCodes, currencyMinorUnits, isCurrencyCode } from './money/currencies.js';
export {
  add as addDecimals,
  compare as compareDecimals,
  Decimal,
  DIVISION_SIGNIFICANT_DIGITS,
  divide as divideDecimals,
  isDecimalText,
  multiply as multiplyDecimals,
  parseDecimal,
  subtract as subtractDecimals,
  toFixedDigits,
  toPlainString,
} from './money/decimal.js';
export {
  formatMoney,
  formatMoneyForReading,
  formatMoneyText,
  formatPercent,
  roundToCurrency,
  sumMoneyText,
} from './money/money.js';
export { roundHalfAwayFromZero, roundQuotientHalfAwayFromZero, roundTowardZero } from './money/rounding.js';
export { formatIssue, formatPath, IssueCode, type IssueCodeValue, type Problem } from './plan/issues.js';
export { parseInput, validate, validatePlan, validateWhatIfDeal } from './plan/validate.js';
export { MAX_FILTER_DEPTH } from './plan/validate-filter.js';
export * from './types.js';
export { isDateText, periodContaining, periodKindOf, periodRange } from './values/dates.js';
export {
  addDecimalText,
  compareDecimalText,
  isNegativeText,
  isZeroText,
  maxDecimalText,
  multiplyDecimalText,
  numberToDecimalText,
  readDecimalText,
  subtractDecimalText,
  sumDecimalText,
  toDecimalText,
} from './values/decimal-text.js';
export { dependentStatementKeys } from './versions/statement-keys.js';

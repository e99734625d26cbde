import { isDecimalText } from '../money/decimal.js';
import { numberToDecimalText } from './number-text.js';

/**
 * A Decimal position's JSON value as decimal text: strings must match `^-?\d+(\.\d+)?$`, numbers are
 * read through their shortest text. Anything else is undefined (not a decimal).
 */
export function toDecimalText(value: unknown): string | undefined {
  if (typeof value === 'string') return isDecimalText(value) ? value : undefined;
  if (typeof value === 'number') return numberToDecimalText(value);
  return undefined;
}

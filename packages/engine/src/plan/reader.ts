import { isCurrencyCode } from '../money/currencies.js';
import { isDateText } from '../values/dates.js';
import { toDecimalText } from '../values/decimal-text.js';
import { describeValue, IssueCode, type IssueList, type Path } from './issues.js';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text ${describeValue(value)}`;
  return `${typeof value} ${describeValue(value)}`;
}

function squash(key: string): string {
  return key.toLowerCase().replace(/[_\s-]/g, '');
}

/**
 * Reads the fields of one small JSON object (plan, component, assignment, …), reporting each problem
 * with its path. Every reader returns the normalized value, or undefined when it is absent or wrong.
 */
export class ObjectReader {
  constructor(
    readonly issues: IssueList,
    readonly object: JsonObject,
    readonly path: Path,
  ) {}

  at(key: string | number): Path {
    return [...this.path, key];
  }

  has(key: string): boolean {
    return this.object[key] !== undefined;
  }

  private missing(key: string, what: string): undefined {
    this.issues.add(IssueCode.missingField, this.at(key), `${what} is required`);
    return undefined;
  }

  /** Unknown keys are tolerated (CRM exports carry extras), but a near-miss of a known key is a typo. */
  checkSpelling(knownKeys: readonly string[]): void {
    const bySquashed = new Map(knownKeys.map((key) => [squash(key), key]));
    for (const key of Object.keys(this.object)) {
      if (knownKeys.includes(key)) continue;
      const meant = bySquashed.get(squash(key));
      if (meant !== undefined) {
        this.issues.add(IssueCode.misspelledField, this.at(key), `unknown field "${key}"; did you mean "${meant}"?`);
      }
    }
  }

  string(key: string, required: boolean, what = 'a text value'): string | undefined {
    const value = this.object[key];
    if (value === undefined) return required ? this.missing(key, what) : undefined;
    if (typeof value !== 'string') {
      this.issues.add(IssueCode.wrongType, this.at(key), `expected ${what}, got ${typeName(value)}`);
      return undefined;
    }
    return value;
  }

  /** A non-empty text id. */
  id(key: string, what = 'an id'): string | undefined {
    const value = this.string(key, true, what);
    if (value === '') {
      this.issues.add(IssueCode.emptyId, this.at(key), `${what} must not be empty`);
      return undefined;
    }
    return value;
  }

  decimal(key: string, required: boolean, what = 'a decimal'): string | undefined {
    const value = this.object[key];
    if (value === undefined) return required ? this.missing(key, what) : undefined;
    const text = toDecimalText(value);
    if (text === undefined)
      this.issues.add(IssueCode.invalidDecimal, this.at(key), `${describeValue(value)} is not a decimal`);
    return text;
  }

  /** A decimal that must be ≥ 0 (caps, quotas). */
  nonNegativeDecimal(key: string, required: boolean, what = 'a decimal'): string | undefined {
    const text = this.decimal(key, required, what);
    if (text?.startsWith('-') && /[1-9]/.test(text)) {
      this.issues.add(IssueCode.negativeNotAllowed, this.at(key), `${what} must not be negative, got "${text}"`);
      return undefined;
    }
    return text;
  }

  date(key: string, required: boolean, what = 'a date'): string | undefined {
    const value = this.object[key];
    if (value === undefined) return required ? this.missing(key, what) : undefined;
    if (!isDateText(value)) {
      this.issues.add(IssueCode.invalidDate, this.at(key), `${describeValue(value)} is not a date (YYYY-MM-DD)`);
      return undefined;
    }
    return value;
  }

  currency(key: string, required: boolean): string | undefined {
    const value = this.object[key];
    if (value === undefined) return required ? this.missing(key, 'a currency code') : undefined;
    if (!isCurrencyCode(value)) {
      this.issues.add(
        IssueCode.unknownCurrency,
        this.at(key),
        `${describeValue(value)} is not a known ISO 4217 currency code`,
      );
      return undefined;
    }
    return value;
  }

  option<T extends string>(key: string, options: readonly T[], required: boolean): T | undefined {
    const value = this.object[key];
    if (value === undefined) return required ? this.missing(key, `one of ${options.join(', ')}`) : undefined;
    if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
      this.issues.add(
        IssueCode.invalidOption,
        this.at(key),
        `${describeValue(value)} is not one of ${options.map((o) => `"${o}"`).join(', ')}`,
      );
      return undefined;
    }
    return value as T;
  }

  boolean(key: string, required: boolean): boolean | undefined {
    const value = this.object[key];
    if (value === undefined) return required ? this.missing(key, 'true or false') : undefined;
    if (typeof value !== 'boolean') {
      this.issues.add(IssueCode.wrongType, this.at(key), `expected true or false, got ${typeName(value)}`);
      return undefined;
    }
    return value;
  }

  /** The array at `key`, or undefined (reported) when present but not an array. */
  array(key: string, required: boolean, what = 'a list'): unknown[] | undefined {
    const value = this.object[key];
    if (value === undefined) return required ? this.missing(key, what) : undefined;
    if (!Array.isArray(value)) {
      this.issues.add(IssueCode.wrongType, this.at(key), `expected ${what}, got ${typeName(value)}`);
      return undefined;
    }
    return value;
  }
}

/** Reports a non-object where an object belongs; returns whether it is an object. */
export function expectObject(issues: IssueList, value: unknown, path: Path, what: string): value is JsonObject {
  if (isJsonObject(value)) return true;
  issues.add(IssueCode.wrongType, path, `expected ${what} (an object), got ${typeName(value)}`);
  return false;
}

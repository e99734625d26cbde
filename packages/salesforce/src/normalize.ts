/**
 * One Salesforce record (as the REST API returns it) → one engine deal, through the field mapping.
 * A record that cannot become a deal is a value (`kind: 'error'`, with its id and what is wrong), never
 * an exception: one bad opportunity must not stop a sync of ten thousand good ones.
 */
import type { Deal, FieldValue, Split } from '@attain/engine';
import {
  formatPath,
  isCurrencyCode,
  isNegativeText,
  isZeroText,
  type Problem,
  readDecimalText,
  validate,
} from '@attain/engine';
import { compareIds } from './compare-ids.js';
import type { ExtraFieldSource, FieldMapping } from './mapping.js';
import { IS_DELETED, parseSalesforceDateTime, SYSTEM_MODSTAMP } from './soql.js';

/** Stable codes of record-level errors (lower snake_case, like every problem code). */
export const RecordErrorCode = {
  missingId: 'missing_id',
  missingOwner: 'missing_owner',
  missingAmount: 'missing_amount',
  badAmount: 'bad_amount',
  missingCloseDate: 'missing_close_date',
  badCloseDate: 'bad_close_date',
  unknownCurrency: 'unknown_currency',
  badSplit: 'bad_split',
  ambiguousField: 'ambiguous_field',
  invalidDeal: 'invalid_deal',
  /** A User's plan field names a plan the store does not have. */
  unknownPlan: 'unknown_plan',
  /** A ForecastingQuota row that cannot become a quota (no owner, amount, period or rate; a duplicate). */
  badQuota: 'bad_quota',
} as const;
export type RecordErrorCode = (typeof RecordErrorCode)[keyof typeof RecordErrorCode];

/**
 * Why one record was not turned into a deal; kept in the store for ops until the record syncs.
 * Attain's one problem shape (`code`, `path`, `message`) plus which record: `path` is the field at
 * fault as a path in the record (`['Amount']`, `['OpportunitySplits', 'SplitPercentage']`;
 * `formatPath` shows it as Salesforce names it), `[]` when no one field is at fault.
 */
export interface RecordError extends Problem {
  /** The record's id, or null when even that was missing. */
  recordId: string | null;
  object: string;
  code: RecordErrorCode;
}

/** The record path of a mapped field: `Account.Industry` → `['Account', 'Industry']`. */
export function recordPath(field: string): string[] {
  return field.split('.');
}

export type NormalizedRecord =
  /** `name`: the record's name (`nameField`), null when empty; absent when the context names no name field. */
  | { kind: 'deal'; deal: Deal; modstampMs: number | null; name?: string | null }
  | { kind: 'deleted'; id: string; modstampMs: number | null }
  | { kind: 'error'; error: RecordError; modstampMs: number | null };

export interface NormalizeContext {
  /** The ISO codes the org knows (active currencies); absent = any well-formed code is accepted. */
  knownCurrencies?: ReadonlySet<string>;
  /** The object's record-name field (`Name`) when the query selected it: kept beside the deal, not in it. */
  nameField?: string;
}

type SalesforceRecord = Record<string, unknown>;

/** Salesforce field names are case-insensitive; the JSON keys carry describe's casing. */
function own(record: SalesforceRecord, name: string): unknown {
  if (name in record) return record[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(record)) if (key.toLowerCase() === lower) return record[key];
  return undefined;
}

/** `Account.Industry` → record.Account.Industry; a null parent gives null. */
export function readPath(record: SalesforceRecord, path: string): unknown {
  let current: unknown = record;
  for (const segment of path.split('.')) {
    if (current === null || current === undefined) return null;
    if (typeof current !== 'object') return undefined;
    current = own(current as SalesforceRecord, segment);
  }
  return current;
}

/** The records of a child subquery (`{ totalSize, done, records }`, or null when there are none). */
function children(record: SalesforceRecord, relationship: string): SalesforceRecord[] {
  const value = own(record, relationship);
  if (!value || typeof value !== 'object') return [];
  const records = (value as { records?: unknown }).records;
  return Array.isArray(records) ? (records as SalesforceRecord[]) : [];
}

function fieldValue(value: unknown): FieldValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  // Numbers become decimal text: filters compare decimals numerically, and no float leaves here.
  if (typeof value === 'number') return readDecimalText(value);
  return null;
}

/** The date part of a `date` (`2026-02-15`) or `datetime` (`2026-02-15T…`, taken in UTC) value. */
function dateText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const ms = parseSalesforceDateTime(value);
  return ms === null ? null : new Date(ms).toISOString().slice(0, 10);
}

function isCalendarDate(text: string): boolean {
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

class RecordProblem extends Error {
  constructor(
    readonly code: RecordErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

function readSplits(record: SalesforceRecord, mapping: FieldMapping): Split[] | undefined {
  const splitsMapping = mapping.splits;
  if (!splitsMapping) return undefined;
  const at = (field: string) => `${splitsMapping.relationship}.${field}`;
  const splits: Split[] = [];
  const seen = new Set<string>();
  for (const child of children(record, splitsMapping.relationship)) {
    const repId = readPath(child, splitsMapping.owner);
    const percent = readDecimalText(readPath(child, splitsMapping.percent));
    const childId = typeof child.Id === 'string' ? child.Id : '?';
    if (typeof repId !== 'string' || repId === '') {
      throw new RecordProblem(RecordErrorCode.badSplit, `split ${childId} has no owner`, at(splitsMapping.owner));
    }
    if (percent === null) {
      throw new RecordProblem(RecordErrorCode.badSplit, `split ${childId} has no percent`, at(splitsMapping.percent));
    }
    // A 0 % split credits nothing; the engine's contract wants percents in (0, 100].
    if (isZeroText(percent)) continue;
    if (isNegativeText(percent) || !/^(100(\.0+)?|\d{1,2}(\.\d+)?)$/.test(percent.replace(/^-/, ''))) {
      throw new RecordProblem(
        RecordErrorCode.badSplit,
        `split ${childId} has percent ${percent}, outside (0, 100]`,
        at(splitsMapping.percent),
      );
    }
    if (seen.has(repId)) {
      throw new RecordProblem(RecordErrorCode.badSplit, `rep ${repId} appears in two splits`, at(splitsMapping.owner));
    }
    seen.add(repId);
    splits.push({ repId, percent });
  }
  // No split of the mapped type (or only 0 % ones): the owner takes the whole deal, as without splits.
  return splits.length > 0 ? splits.sort((a, b) => compareIds(a.repId, b.repId)) : undefined;
}

function readExtraField(record: SalesforceRecord, name: string, source: ExtraFieldSource): FieldValue {
  if (!('child' in source)) return fieldValue(readPath(record, source.path));
  const rows = [...children(record, source.child)].sort((a, b) => compareIds(String(a.Id ?? ''), String(b.Id ?? '')));
  const values = rows.map((row) => fieldValue(readPath(row, source.path)));
  if (values.length === 0) return null;
  if (source.pick === 'first') return values[0] ?? null;
  const distinct = [...new Set(values)];
  if (distinct.length > 1) {
    throw new RecordProblem(
      RecordErrorCode.ambiguousField,
      `fields.${name}: its ${source.child} disagree on ${source.path} (${distinct.map(String).join(', ')}); ` +
        `set pick: "first" in the mapping or fix the record`,
      `${source.child}.${source.path}`,
    );
  }
  return distinct[0] ?? null;
}

function toDeal(record: SalesforceRecord, id: string, mapping: FieldMapping, context: NormalizeContext): Deal {
  const ownerId = readPath(record, mapping.owner);
  if (typeof ownerId !== 'string' || ownerId === '') {
    throw new RecordProblem(RecordErrorCode.missingOwner, `${mapping.owner} is empty`, mapping.owner);
  }
  const rawAmount = readPath(record, mapping.amount);
  if (rawAmount === null || rawAmount === undefined) {
    throw new RecordProblem(RecordErrorCode.missingAmount, `${mapping.amount} is empty`, mapping.amount);
  }
  const amount = readDecimalText(rawAmount);
  if (amount === null) {
    throw new RecordProblem(
      RecordErrorCode.badAmount,
      `${mapping.amount} is not a number: ${String(rawAmount)}`,
      mapping.amount,
    );
  }
  const rawDate = readPath(record, mapping.closeDate);
  if (rawDate === null || rawDate === undefined) {
    throw new RecordProblem(RecordErrorCode.missingCloseDate, `${mapping.closeDate} is empty`, mapping.closeDate);
  }
  const closeDate = dateText(rawDate);
  if (closeDate === null || !isCalendarDate(closeDate)) {
    throw new RecordProblem(
      RecordErrorCode.badCloseDate,
      `${mapping.closeDate} is not a date: ${String(rawDate)}`,
      mapping.closeDate,
    );
  }
  const won =
    'field' in mapping.won
      ? readPath(record, mapping.won.field) === true
      : mapping.won.stages.includes(String(readPath(record, mapping.won.stageField) ?? ''));

  const deal: Deal = { id, ownerId, amount, closeDate, won };
  if (mapping.currency !== undefined) {
    const currency = readPath(record, mapping.currency);
    if (currency !== null && currency !== undefined) {
      if (typeof currency !== 'string' || !isCurrencyCode(currency)) {
        throw new RecordProblem(
          RecordErrorCode.unknownCurrency,
          `${mapping.currency} is not an ISO 4217 currency code: ${String(currency)}`,
          mapping.currency,
        );
      }
      if (context.knownCurrencies && !context.knownCurrencies.has(currency)) {
        throw new RecordProblem(
          RecordErrorCode.unknownCurrency,
          `${mapping.currency} ${currency} is not a currency of the org`,
          mapping.currency,
        );
      }
      deal.currency = currency;
    }
  }
  const names = Object.keys(mapping.fields).sort();
  if (names.length > 0) {
    const fields: Record<string, FieldValue> = {};
    for (const name of names) fields[name] = readExtraField(record, name, mapping.fields[name]!);
    deal.fields = fields;
  }
  const splits = readSplits(record, mapping);
  if (splits) deal.splits = splits;
  return deal;
}

/** Turns one queried record into a deal, a deletion (from `queryAll`), or a record-level error. */
export function normalizeRecord(
  record: SalesforceRecord,
  mapping: FieldMapping,
  context: NormalizeContext = {},
): NormalizedRecord {
  const modstampMs = parseSalesforceDateTime(own(record, SYSTEM_MODSTAMP));
  const rawId = readPath(record, mapping.id);
  const id = typeof rawId === 'string' && rawId !== '' ? rawId : null;
  if (id === null) {
    const fallback = typeof record.Id === 'string' ? record.Id : null;
    return {
      kind: 'error',
      modstampMs,
      error: {
        recordId: fallback,
        object: mapping.object,
        code: RecordErrorCode.missingId,
        path: recordPath(mapping.id),
        message: `${mapping.id} is empty`,
      },
    };
  }
  if (own(record, IS_DELETED) === true) return { kind: 'deleted', id, modstampMs };
  try {
    const deal = toDeal(record, id, mapping, context);
    // The engine has the last word on what a deal is (decimal forms, currency codes, split rules).
    const checked = validate({ plans: [], assignments: [], deals: [deal] });
    if (!checked.ok) {
      const message = checked.issues.map((issue) => `${formatPath(issue.path.slice(2))}: ${issue.message}`).join('; ');
      throw new RecordProblem(RecordErrorCode.invalidDeal, message);
    }
    if (context.nameField === undefined) return { kind: 'deal', deal, modstampMs };
    const name = readPath(record, context.nameField);
    return { kind: 'deal', deal, modstampMs, name: typeof name === 'string' && name !== '' ? name : null };
  } catch (problem) {
    if (!(problem instanceof RecordProblem)) throw problem;
    const path = problem.field === undefined ? [] : recordPath(problem.field);
    const error: RecordError = {
      recordId: id,
      object: mapping.object,
      code: problem.code,
      path,
      message: problem.message,
    };
    return { kind: 'error', error, modstampMs };
  }
}

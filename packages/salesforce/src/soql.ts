/**
 * SOQL built from the field mapping. One query shape serves incremental sync (a SystemModstamp
 * window), full resync (no window) and `queryAll` (deleted rows carry `IsDeleted = true`).
 */
import type { FieldMapping } from './mapping.js';

/** Fields every deal query reads besides the mapped ones: the cursor and the deletion flag. */
export const SYSTEM_MODSTAMP = 'SystemModstamp';
export const IS_DELETED = 'IsDeleted';

/** A SOQL string literal: backslashes and quotes escaped. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A SOQL datetime literal in UTC to the second (`2026-02-01T10:00:00Z`), rounded down. */
export function soqlDateTime(epochMs: number): string {
  return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/**
 * Salesforce writes datetimes as `2026-02-01T10:00:00.000+0000`; returns epoch ms, or null if the
 * text is not such a datetime.
 */
export function parseSalesforceDateTime(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)(Z|[+-]\d{2}:?\d{2})$/.exec(text);
  if (!match) return null;
  const zone = match[2] === 'Z' ? 'Z' : `${match[2]!.slice(0, 3)}:${match[2]!.slice(-2)}`;
  const ms = Date.parse(`${match[1]}${zone}`);
  return Number.isNaN(ms) ? null : ms;
}

/** Adds `path` to `list` unless a path equal but for case is there (SOQL refuses duplicates). */
function addUnique(list: string[], path: string): void {
  if (!list.some((existing) => existing.toLowerCase() === path.toLowerCase())) list.push(path);
}

/**
 * The top-level field paths a deal query selects, in a stable order. `nameField` is the object's
 * record name (`Name`), read for people to recognise the deal when the describe says the object has one.
 */
export function selectedFields(mapping: FieldMapping, nameField?: string): string[] {
  const fields: string[] = [];
  for (const path of [mapping.id, mapping.owner, mapping.amount, mapping.closeDate]) addUnique(fields, path);
  addUnique(fields, 'field' in mapping.won ? mapping.won.field : mapping.won.stageField);
  if (mapping.currency !== undefined) addUnique(fields, mapping.currency);
  for (const source of Object.values(mapping.fields)) if (!('child' in source)) addUnique(fields, source.path);
  if (nameField !== undefined) addUnique(fields, nameField);
  addUnique(fields, SYSTEM_MODSTAMP);
  addUnique(fields, IS_DELETED);
  return fields;
}

/** What one child relationship contributes: its fields (Id first) and, for splits of one type, a filter. */
export interface ChildSelection {
  relationship: string;
  fields: string[];
  where?: string;
}

/** The child relationships a deal query reads: the splits and every one an extra field reads from. */
export function childSelections(mapping: FieldMapping): ChildSelection[] {
  const byRelationship = new Map<string, ChildSelection>();
  const entry = (relationship: string) => {
    const key = [...byRelationship.keys()].find((k) => k.toLowerCase() === relationship.toLowerCase());
    if (key) return byRelationship.get(key)!;
    const created: ChildSelection = { relationship, fields: ['Id'] };
    byRelationship.set(relationship, created);
    return created;
  };
  if (mapping.splits) {
    const splits = entry(mapping.splits.relationship);
    addUnique(splits.fields, mapping.splits.owner);
    addUnique(splits.fields, mapping.splits.percent);
    if (mapping.splits.splitType !== undefined) {
      splits.where = `SplitType.DeveloperName = ${soqlString(mapping.splits.splitType)}`;
    }
  }
  for (const source of Object.values(mapping.fields)) {
    // Sharing the splits relationship means sharing its split-type filter too (SOQL allows one subquery each).
    if ('child' in source) addUnique(entry(source.child).fields, source.path);
  }
  return [...byRelationship.values()];
}

/**
 * Child subqueries: `(SELECT Id, SplitOwnerId, SplitPercentage FROM OpportunitySplits WHERE IsDeleted =
 * false AND …)`. Through `queryAll` a subquery returns deleted children too: a split deleted from a
 * live opportunity would still credit its rep.
 */
export function childSubqueries(mapping: FieldMapping): string[] {
  return childSelections(mapping).map(
    ({ relationship, fields, where }) =>
      `(SELECT ${fields.join(', ')} FROM ${relationship} WHERE ${IS_DELETED} = false${where ? ` AND ${where}` : ''})`,
  );
}

export interface DealQueryWindow {
  /** Only records whose SystemModstamp ≥ this instant (epoch ms) minus the overlap; absent = all. */
  sinceMs?: number;
  /** Rows modified in the same second as the cursor, or committed late, are re-read: default 60 s. */
  overlapMs?: number;
  /** Only these records (by `Id`): parents re-read because a child of theirs changed. */
  ids?: readonly string[];
}

/** `SystemModstamp >= <since − overlap>`: the window every incremental read uses. */
function modstampWindow(sinceMs: number, overlapMs = 60_000): string {
  return `${SYSTEM_MODSTAMP} >= ${soqlDateTime(sinceMs - overlapMs)}`;
}

/**
 * `SELECT … FROM Opportunity WHERE SystemModstamp >= … ORDER BY SystemModstamp, Id`. The overlap
 * makes a sync read some rows twice; the store's upsert is idempotent, so that costs nothing but a
 * few rows, and no row committed "behind" the cursor is ever missed.
 */
export function buildDealQuery(mapping: FieldMapping, window: DealQueryWindow = {}, nameField?: string): string {
  const select = [...selectedFields(mapping, nameField), ...childSubqueries(mapping)].join(', ');
  const filters: string[] = [];
  if (window.sinceMs !== undefined) filters.push(modstampWindow(window.sinceMs, window.overlapMs));
  if (window.ids !== undefined) filters.push(`Id IN (${window.ids.map(soqlString).join(',')})`);
  const where = filters.length === 0 ? '' : ` WHERE ${filters.join(' AND ')}`;
  return `SELECT ${select} FROM ${mapping.object}${where} ORDER BY ${SYSTEM_MODSTAMP}, Id`;
}

/**
 * The changes of a followed object since its cursor: `SELECT OpportunityId, SystemModstamp FROM
 * OpportunitySplit WHERE SystemModstamp >= … ORDER BY SystemModstamp` (run through `queryAll`, so
 * deleted rows count), or, with `fields` empty, only the stamps.
 */
export function buildChangesQuery(
  object: string,
  fields: readonly string[],
  sinceMs: number,
  overlapMs?: number,
): string {
  const select = [...fields, SYSTEM_MODSTAMP].join(', ');
  return `SELECT ${select} FROM ${object} WHERE ${modstampWindow(sinceMs, overlapMs)} ORDER BY ${SYSTEM_MODSTAMP}`;
}

/**
 * The newest rows of an object (one page): where a full read leaves its cursor, and which rows of the
 * overlap window behind it that read already carried.
 */
export function buildNewestRowsQuery(object: string, limit = 2000): string {
  return `SELECT Id, ${SYSTEM_MODSTAMP} FROM ${object} ORDER BY ${SYSTEM_MODSTAMP} DESC LIMIT ${limit}`;
}

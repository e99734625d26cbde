/**
 * Changes below the deal's record. A deal is read with its child rows (splits, line items), but a
 * change to a child touches only the child's SystemModstamp, never the parent's — in Salesforce as
 * in the emulator. So every child object the mapping reads from is followed by its own cursor (in
 * `sync:cursors`, under the child object's name):
 *
 * - incremental: before the deal query, one `queryAll` per child object lists the parents of the
 *   children changed (or deleted) since its cursor; after it, those parents the deal query did not
 *   already return are read again through the same ingest path (`Id IN (…)`, in chunks). A parent
 *   the deal query returned was read after the probe, so it already carries those children.
 * - full (or a first sync): one query per child object for its newest rows, taken before the full
 *   read, so the read covers everything up to the newest SystemModstamp.
 *
 * A child cursor moves only once its parents are stored, so a sync that dies half-way reads them
 * again next time. The probe re-reads the overlap window behind the cursor (rows committed late
 * with an older stamp); rows it already followed at the same stamp (`sync:cursor-recent:<object>`)
 * are not followed again, so with nothing changed this costs one query per child object.
 */

import type { DescribedObject, FieldMapping } from '@attain/salesforce';
import {
  buildChangesQuery,
  buildDealQuery,
  buildNewestRowsQuery,
  childSelections,
  compareIds,
  parseSalesforceDateTime,
  SYSTEM_MODSTAMP,
} from '@attain/salesforce';
import type { ProcessorContext } from './context.js';

type Row = Record<string, unknown>;

/**
 * Parents per re-read query: 300 quoted 18-character ids keep the GET URL (URL-encoded, with the
 * select list) well below the 16,384 characters Salesforce accepts.
 */
export const PARENTS_PER_QUERY = 300;

/** A child object the mapping reads from, and the field(s) that name its parent. */
export interface FollowedChild {
  object: string;
  parentFields: string[];
}

/** What one child object changed: the newest stamp seen, and each changed parent's newest child stamp. */
export interface ChildChanges {
  object: string;
  newestMs: number | null;
  parents: Map<string, number>;
  /** Every row the probe saw (id → stamp): those in the overlap window are not followed again. */
  rows: Map<string, number>;
}

/** The child objects behind the mapping's child relationships, from the mapped object's describe. */
export function followedChildren(mapping: FieldMapping, described: DescribedObject | null): FollowedChild[] {
  const byObject = new Map<string, FollowedChild>();
  for (const { relationship } of childSelections(mapping)) {
    const found = described?.childRelationships.find(
      (candidate) => candidate.relationshipName?.toLowerCase() === relationship.toLowerCase(),
    );
    if (!found) throw new Error(`${mapping.object} has no child relationship ${relationship}: check the field mapping`);
    const entry = byObject.get(found.childSObject) ?? { object: found.childSObject, parentFields: [] };
    if (!entry.parentFields.includes(found.field)) entry.parentFields.push(found.field);
    byObject.set(found.childSObject, entry);
  }
  return [...byObject.values()];
}

async function queryAllRows(context: ProcessorContext, soql: string): Promise<Row[]> {
  return context.salesforce.call(
    async (connection) =>
      (await connection.query<Row>(soql, { autoFetch: true, maxFetch: 100_000_000, scanAll: true })).records,
  );
}

const stampOf = (row: Row): number | null => parseSalesforceDateTime(row[SYSTEM_MODSTAMP]);

/**
 * Incremental: the parents of every child changed since its cursor (or since `fallbackSinceMs`, the
 * deal cursor, for a child never followed before — an older worker's store).
 */
export async function probeChildChanges(
  context: ProcessorContext,
  children: FollowedChild[],
  fallbackSinceMs: number,
): Promise<ChildChanges[]> {
  const out: ChildChanges[] = [];
  for (const child of children) {
    const sinceMs = (await context.store.cursors.get(child.object)) ?? fallbackSinceMs;
    const soql = buildChangesQuery(child.object, ['Id', ...child.parentFields], sinceMs, context.settings.overlapMs);
    const done = await context.store.cursors.recent(child.object);
    const changes: ChildChanges = { object: child.object, newestMs: null, parents: new Map(), rows: new Map() };
    for (const row of await queryAllRows(context, soql)) {
      const stamp = stampOf(row);
      if (stamp !== null && (changes.newestMs === null || stamp > changes.newestMs)) changes.newestMs = stamp;
      const id = typeof row.Id === 'string' ? row.Id : null;
      if (id !== null && stamp !== null) changes.rows.set(id, stamp);
      // Seen at this very stamp by an earlier sync (the overlap re-reads it): its parent has it already.
      if (id !== null && stamp !== null && done.get(id) === stamp) continue;
      for (const field of child.parentFields) {
        const parentId = row[field];
        if (typeof parentId !== 'string' || parentId === '') continue;
        const known = changes.parents.get(parentId);
        changes.parents.set(parentId, Math.max(known ?? 0, stamp ?? 0));
      }
    }
    out.push(changes);
  }
  return out;
}

/**
 * Full read: each child object's newest rows now (deleted ones included), for its cursor and overlap
 * window afterwards — the full read that follows carries them all.
 */
export async function newestChildStamps(context: ProcessorContext, children: FollowedChild[]): Promise<ChildChanges[]> {
  const out: ChildChanges[] = [];
  for (const child of children) {
    const changes: ChildChanges = { object: child.object, newestMs: null, parents: new Map(), rows: new Map() };
    for (const row of await queryAllRows(context, buildNewestRowsQuery(child.object))) {
      const stamp = stampOf(row);
      if (stamp === null) continue;
      if (changes.newestMs === null || stamp > changes.newestMs) changes.newestMs = stamp;
      if (typeof row.Id === 'string') changes.rows.set(row.Id, stamp);
    }
    out.push(changes);
  }
  return out;
}

/** Hands a page of re-read parents to the ingest path; `lagFromMs`: parent id → the child change it carries. */
export type IngestPage = (records: Row[], lagFromMs: ReadonlyMap<string, number>) => Promise<void>;

/**
 * The parents of changed children that the deal query did not return (`seen`), each with the stamp
 * of its newest child change.
 */
export function parentsToReread(changes: ChildChanges[], seen: ReadonlySet<string>): Map<string, number> {
  const lagFromMs = new Map<string, number>();
  for (const { parents } of changes) {
    for (const [id, stamp] of parents) if (!seen.has(id)) lagFromMs.set(id, Math.max(lagFromMs.get(id) ?? 0, stamp));
  }
  return lagFromMs;
}

/**
 * Reads `parents` again through `ingest`, in chunks of ids. Through `queryAll`: a parent deleted
 * meanwhile arrives as a deletion.
 */
export async function rereadParents(
  context: ProcessorContext,
  mapping: FieldMapping,
  nameField: string | undefined,
  parents: ReadonlyMap<string, number>,
  ingest: IngestPage,
): Promise<void> {
  const ids = [...parents.keys()].sort(compareIds);
  for (let start = 0; start < ids.length; start += PARENTS_PER_QUERY) {
    const soql = buildDealQuery(mapping, { ids: ids.slice(start, start + PARENTS_PER_QUERY) }, nameField);
    await ingest(await queryAllRows(context, soql), parents);
  }
}

/**
 * Moves each child cursor to the newest stamp its probe saw (only forward) and remembers the rows of
 * the overlap window behind it as processed.
 */
export async function advanceChildCursors(context: ProcessorContext, changes: ChildChanges[]): Promise<void> {
  for (const { object, newestMs, rows } of changes) {
    if (newestMs !== null) await context.store.cursors.advance(object, newestMs);
    const cursor = await context.store.cursors.get(object);
    const windowStart = (cursor ?? 0) - context.settings.overlapMs - 1000;
    await context.store.cursors.setRecent(object, new Map([...rows].filter(([, stamp]) => stamp >= windowStart)));
  }
}

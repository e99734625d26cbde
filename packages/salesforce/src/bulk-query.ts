/**
 * Full resyncs of large orgs through Bulk API 2.0 query. Bulk queries have no child subqueries and
 * answer CSV (text only, empty = null), so the parent object and each child relationship are
 * queried apart, children grouped by parent id, and every row rebuilt into the shape the REST API
 * returns — nested parents, `{ records }` children, real booleans — so that the one normalizer
 * serves both paths.
 */
import type { Connection } from 'jsforce';
import { bulkQueryRows } from './bulk-jobs.js';
import { compareIds } from './compare-ids.js';
import { describeThrough } from './connection.js';
import type { FieldMapping } from './mapping.js';
import { type DescribeFn, describePathType } from './mapping-validation.js';
import { type ChildSelection, childSelections, selectedFields } from './soql.js';

type Row = Record<string, unknown>;
const QUERY_TIMEOUT_MS = 30 * 60 * 1000;

/** Bulk CSV text → a REST-like value: empty is null, booleans are booleans, the rest stays text. */
function restValue(text: unknown, type: string | null): unknown {
  if (text === undefined || text === null || text === '') return null;
  if (type === 'boolean') return text === 'true';
  return text;
}

/** `{ 'Account.Industry': 'Energy' }` → `{ Account: { Industry: 'Energy' } }` (a parent with only nulls stays an object). */
function nest(flat: Row, paths: string[], types: Map<string, string | null>): Row {
  const out: Row = {};
  for (const path of paths) {
    const segments = path.split('.');
    let target = out;
    for (const segment of segments.slice(0, -1)) {
      target[segment] ??= {};
      target = target[segment] as Row;
    }
    target[segments[segments.length - 1]!] = restValue(flat[path], types.get(path) ?? null);
  }
  return out;
}

async function rowsOf(connection: Connection, soql: string): Promise<Row[]> {
  return bulkQueryRows(connection, soql, QUERY_TIMEOUT_MS);
}

/** A describe that asks Salesforce once per object (a path walk describes the same objects again and again). */
function describeOnce(connection: Connection): DescribeFn {
  const describe = describeThrough(connection);
  const seen = new Map<string, ReturnType<DescribeFn>>();
  return (object) => {
    const key = object.toLowerCase();
    let described = seen.get(key);
    if (!described) {
      described = describe(object);
      seen.set(key, described);
    }
    return described;
  };
}

async function typesOf(describe: DescribeFn, object: string, paths: string[]): Promise<Map<string, string | null>> {
  const entries = await Promise.all(
    paths.map(async (path) => [path, await describePathType(describe, object, path)] as const),
  );
  return new Map(entries);
}

interface ChildData {
  selection: ChildSelection;
  byParent: Map<string, Row[]>;
}

async function childData(
  connection: Connection,
  describe: DescribeFn,
  mapping: FieldMapping,
  selection: ChildSelection,
): Promise<ChildData> {
  const parent = await describe(mapping.object);
  if (!parent) throw new Error(`${mapping.object} is not in the org`);
  const relationship = parent.childRelationships.find(
    (r) => r.relationshipName?.toLowerCase() === selection.relationship.toLowerCase(),
  );
  if (!relationship) throw new Error(`${mapping.object} has no child relationship ${selection.relationship}`);
  const fields = [...selection.fields, relationship.field];
  const where = selection.where ? ` WHERE ${selection.where}` : '';
  const rows = await rowsOf(connection, `SELECT ${fields.join(', ')} FROM ${relationship.childSObject}${where}`);
  const types = await typesOf(describe, relationship.childSObject, selection.fields);
  const byParent = new Map<string, Row[]>();
  for (const row of rows) {
    const parentId = String(row[relationship.field] ?? '');
    const list = byParent.get(parentId) ?? [];
    list.push(nest(row, selection.fields, types));
    byParent.set(parentId, list);
  }
  return { selection, byParent };
}

/**
 * Every live record of the mapped object in REST shape, in pages of `pageSize`. Children are read
 * first (they are what must be joined); parents are handed out page by page.
 */
export async function* bulkDealRecords(
  connection: Connection,
  mapping: FieldMapping,
  pageSize = 2000,
  nameField?: string,
): AsyncGenerator<Row[]> {
  const describe = describeOnce(connection);
  const children = await Promise.all(
    childSelections(mapping).map((selection) => childData(connection, describe, mapping, selection)),
  );
  const fields = selectedFields(mapping, nameField);
  // Children are joined on Id, whatever field the mapping takes the deal id from.
  if (!fields.some((field) => field.toLowerCase() === 'id')) fields.unshift('Id');
  const types = await typesOf(describe, mapping.object, fields);
  const parents = await rowsOf(connection, `SELECT ${fields.join(', ')} FROM ${mapping.object}`);
  // In cursor order, so that the cursor can move page by page as on the REST path.
  const stamp = (row: Row) => String(row.SystemModstamp ?? '');
  parents.sort((a, b) => compareIds(stamp(a), stamp(b)) || compareIds(String(a.Id), String(b.Id)));
  for (let start = 0; start < parents.length; start += pageSize) {
    yield parents.slice(start, start + pageSize).map((flat) => {
      const record = nest(flat, fields, types);
      const id = String(flat.Id ?? '');
      for (const { selection, byParent } of children) {
        const rows = byParent.get(id) ?? [];
        record[selection.relationship] =
          rows.length === 0 ? null : { totalSize: rows.length, done: true, records: rows };
      }
      return record;
    });
  }
}

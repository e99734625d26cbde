/**
 * The emulated org's data: one table per object, records keyed by their 18-character id, with the
 * indexes the API needs to stay fast at 100,000+ records (external ids / unique fields, and
 * child lookups built on first use). It knows nothing of validation: `Dml` validates and then calls
 * `save`; the store only keeps rows, indexes, a change journal for all-or-nothing transactions and
 * the monotonic SystemModstamp clock.
 *
 * Records handed out are the stored objects themselves: callers must treat them as read-only
 * (every write goes through `save` with a new object, which is what keeps indexes and the
 * transaction journal right).
 */
import { IdFactory, to18 } from '../ids.js';
import type { FieldSchema, ObjectSchema, SObjectRecord } from '../schema/types.js';
import { formatDateTime, isCanonicalDateTime, parseDateTime } from './datetime.js';
import { canonicalId } from './record-id.js';
import type { SchemaLookup } from './schema-lookup.js';

export interface OrgInfo {
  id: string;
  name: string;
  currency: string;
}

/** Structurally the seed generator's `SeedData`; also what `--data-file` persists. */
export interface OrgData {
  org: OrgInfo;
  objects: Record<string, SObjectRecord[]>;
}

export interface OrgStoreOptions {
  now?: () => Date;
  ids?: IdFactory;
}

interface UniqueIndex {
  field: FieldSchema;
  caseSensitive: boolean;
  /** normalized value → id(s) of live (not deleted) records holding it */
  values: IdIndex;
}

interface Table {
  schema: ObjectSchema;
  records: Map<string, SObjectRecord>;
  /** Unique indexes by field name, both as spelled and lower-cased. */
  unique: Map<string, UniqueIndex>;
  /** The same indexes once each, for updating them on every save. */
  uniqueList: UniqueIndex[];
  /** reference field (lower case) → its parent id → child ids index; built on the first `children` call. */
  children: Map<string, ChildIndex>;
}

interface ChildIndex {
  /** The reference field's API name, as records store it. */
  fieldName: string;
  byParent: IdIndex;
}

/**
 * Key → the id of the one record holding it, or a Set when several do. Unique values (external
 * ids) almost always have one holder, so most keys cost no Set.
 */
type IdIndex = Map<string, string | Set<string>>;

interface JournalEntry {
  table: Table;
  id: string;
  before: SObjectRecord | undefined;
}

/**
 * One record as a committed write left it: `before` is the record as it was before the write (or
 * the transaction) began, undefined for a new one. What change data capture turns into events.
 */
export interface CommittedChange {
  objectName: string;
  before: SObjectRecord | undefined;
  after: SObjectRecord;
}

/** The org of an emulator that has not loaded data yet. */
const DEFAULT_ORG: OrgInfo = { id: to18('00D5g00000ATTAN'), name: 'Attain Emulated Org', currency: 'USD' };

export class OrgStore {
  private readonly tables = new Map<string, Table>();
  /** Tables by the object's own API name spelling: spares a lower-casing per lookup. */
  private readonly tablesByExactName = new Map<string, Table>();
  private journals: JournalEntry[][] = [];
  /** Told about every committed write (a save outside a transaction, or an outermost commit). */
  private commitListener: ((changes: CommittedChange[]) => void) | undefined;
  private lastStampMs = 0;
  private ids: IdFactory;
  private orgInfo: OrgInfo = { ...DEFAULT_ORG };
  private readonly clock: () => Date;

  constructor(
    private readonly schemaLookup: SchemaLookup,
    options: OrgStoreOptions = {},
  ) {
    this.clock = options.now ?? (() => new Date());
    this.ids = options.ids ?? new IdFactory();
  }

  get org(): OrgInfo {
    return this.orgInfo;
  }

  /** The SOQL source's schema lookup. */
  schema(objectName: string): ObjectSchema | undefined {
    return this.schemaLookup.get(objectName);
  }

  now(): Date {
    return this.clock();
  }

  /**
   * Replaces the org's content with `data`, keeping given system fields and filling missing ones.
   * Records that are already complete are stored as given, not copied (stored records are never
   * mutated, so sharing them with the caller's data is safe and keeps loading 100,000s fast).
   */
  load(data: OrgData): void {
    this.clear();
    this.orgInfo = { ...data.org };
    const nowText = formatDateTime(this.clock());
    let latest = '';
    for (const [objectName, records] of Object.entries(data.objects)) {
      const table = this.table(objectName);
      if (!table) throw new Error(`load: unknown object ${objectName}`);
      for (const given of records) {
        const id = canonicalId(given.Id);
        if (!id) throw new Error(`load: bad id ${String(given.Id)} on ${objectName}`);
        let record = given;
        if (
          id !== given.Id ||
          given.IsDeleted === undefined ||
          !given.CreatedDate ||
          !given.LastModifiedDate ||
          !given.SystemModstamp
        ) {
          record = { ...given, Id: id };
          record.IsDeleted ??= false;
          record.CreatedDate ??= nowText;
          record.LastModifiedDate ??= record.CreatedDate;
          record.SystemModstamp ??= record.LastModifiedDate;
        }
        const stamp = record.SystemModstamp;
        if (isCanonicalDateTime(stamp)) {
          if (stamp > latest) latest = stamp;
        } else {
          const ms = parseDateTime(String(stamp));
          if (ms !== undefined && ms > this.lastStampMs) this.lastStampMs = ms;
        }
        this.index(table, undefined, record);
        table.records.set(id, record);
      }
    }
    const latestMs = latest ? parseDateTime(latest) : undefined;
    if (latestMs !== undefined && latestMs > this.lastStampMs) this.lastStampMs = latestMs;
  }

  /** Everything, including the org identity and the id counters, back to an empty org. */
  clear(): void {
    this.tables.clear();
    this.tablesByExactName.clear();
    this.journals = [];
    this.lastStampMs = 0;
    this.ids = new IdFactory();
    this.orgInfo = { ...DEFAULT_ORG };
  }

  /** The whole org as plain data (deleted rows included), e.g. for `--data-file`. */
  dump(): OrgData {
    const objects: Record<string, SObjectRecord[]> = {};
    for (const table of this.tables.values()) {
      if (table.records.size > 0) objects[table.schema.name] = [...table.records.values()];
    }
    return { org: { ...this.orgInfo }, objects };
  }

  get(objectName: string, id: string): SObjectRecord | undefined {
    const key = canonicalId(id);
    if (!key) return undefined;
    return this.existingTable(objectName)?.records.get(key);
  }

  /** The record with this id in whichever object its key prefix names. */
  getById(id: string): { objectName: string; record: SObjectRecord } | undefined {
    const key = canonicalId(id);
    if (!key) return undefined;
    const schema = this.schemaLookup.byKeyPrefix(key.slice(0, 3));
    if (!schema) return undefined;
    const record = this.existingTable(schema.name)?.records.get(key);
    return record ? { objectName: schema.name, record } : undefined;
  }

  *scan(objectName: string, includeDeleted: boolean): Iterable<SObjectRecord> {
    const table = this.existingTable(objectName);
    if (!table) return;
    for (const record of table.records.values()) {
      if (includeDeleted || record.IsDeleted !== true) yield record;
    }
  }

  /** Number of live rows (deleted ones too when asked). */
  count(objectName: string, includeDeleted = false): number {
    const table = this.existingTable(objectName);
    if (!table) return 0;
    if (includeDeleted) return table.records.size;
    let n = 0;
    for (const record of table.records.values()) if (record.IsDeleted !== true) n++;
    return n;
  }

  *children(childObject: string, field: string, parentId: string, includeDeleted: boolean): Iterable<SObjectRecord> {
    const table = this.table(childObject);
    const parent = canonicalId(parentId);
    if (!table || !parent) return;
    const index = this.childIndex(table, field);
    const held = index.byParent.get(parent);
    if (held === undefined) return;
    for (const id of typeof held === 'string' ? [held] : [...held]) {
      const record = table.records.get(id);
      if (record && (includeDeleted || record.IsDeleted !== true)) yield record;
    }
  }

  /** Live records whose external-id / unique `field` equals `value` (case-insensitively unless the field is case-sensitive). */
  findByExternalId(objectName: string, field: string, value: string): SObjectRecord[] {
    const table = this.table(objectName);
    if (!table) return [];
    const index = table.unique.get(field) ?? table.unique.get(field.toLowerCase());
    if (!index) {
      // Not indexed (not an external id): a scan, as Salesforce would refuse such a field earlier.
      const name = field.toLowerCase();
      const result: SObjectRecord[] = [];
      for (const record of this.scan(objectName, false)) {
        const entry = Object.entries(record).find(([key]) => key.toLowerCase() === name);
        if (entry && entry[1] !== null && entry[1] !== undefined && String(entry[1]) === value) result.push(record);
      }
      return result;
    }
    const held = index.values.get(index.caseSensitive ? value : value.toLowerCase());
    if (held === undefined) return [];
    if (typeof held === 'string') {
      const record = table.records.get(held);
      return record ? [record] : [];
    }
    const result: SObjectRecord[] = [];
    for (const id of held) {
      const record = table.records.get(id);
      if (record) result.push(record);
    }
    return result;
  }

  /** Ids of live records whose SystemModstamp lies in [start, end). */
  updatedBetween(objectName: string, start: Date, end: Date): string[] {
    const inRange = stampRange(start, end);
    const ids: string[] = [];
    for (const record of this.scan(objectName, false)) if (inRange(record.SystemModstamp)) ids.push(record.Id);
    return ids;
  }

  /** Records deleted in [start, end); a deleted record's SystemModstamp is its deletion time. */
  deletedBetween(objectName: string, start: Date, end: Date): { id: string; deletedDate: string }[] {
    const inRange = stampRange(start, end);
    const result: { id: string; deletedDate: string }[] = [];
    const table = this.existingTable(objectName);
    if (!table) return result;
    for (const record of table.records.values()) {
      if (record.IsDeleted === true && inRange(record.SystemModstamp)) {
        result.push({ id: record.Id, deletedDate: String(record.SystemModstamp) });
      }
    }
    return result;
  }

  /** A fresh 18-character id for `objectName` that no stored record has (loaded data may have used the counter). */
  newId(objectName: string): string {
    const table = this.table(objectName);
    if (!table) throw new Error(`unknown object ${objectName}`);
    for (;;) {
      const id = this.ids.next(table.schema.keyPrefix);
      if (!table.records.has(id)) return id;
    }
  }

  /**
   * The next SystemModstamp: the clock, but strictly after every stamp handed out before, so a
   * sync cursor on `SystemModstamp > last seen` can never miss a later write.
   */
  nextStamp(): Date {
    const now = this.clock().getTime();
    this.lastStampMs = now > this.lastStampMs ? now : this.lastStampMs + 1;
    return new Date(this.lastStampMs);
  }

  /** Stores `record` (a new object: never mutate a stored one), updating indexes and the open journal. */
  save(objectName: string, record: SObjectRecord): void {
    const table = this.table(objectName);
    if (!table) throw new Error(`unknown object ${objectName}`);
    const before = table.records.get(record.Id);
    this.journals.at(-1)?.push({ table, id: record.Id, before });
    this.index(table, before, record);
    table.records.set(record.Id, record);
    if (this.journals.length === 0) this.commitListener?.([{ objectName: table.schema.name, before, after: record }]);
  }

  /**
   * Registers the one listener told about committed writes, in commit order: a save outside any
   * transaction at once, a transaction's writes when its outermost level commits (one call, one
   * entry per record with its state before the transaction and after it). Rolled-back writes and
   * `load` are never reported.
   */
  onCommit(listener: ((changes: CommittedChange[]) => void) | undefined): void {
    this.commitListener = listener;
  }

  /** The id of a live record other than `exceptId` holding `value` in unique field `field`, if any. */
  uniqueHolder(objectName: string, field: string, value: unknown, exceptId?: string): string | undefined {
    if (value === null || value === undefined || value === '') return undefined;
    const unique = this.table(objectName)?.unique;
    const index = unique?.get(field) ?? unique?.get(field.toLowerCase());
    if (!index) return undefined;
    const text = String(value);
    const held = index.values.get(index.caseSensitive ? text : text.toLowerCase());
    if (typeof held === 'string') return held === exceptId ? undefined : held;
    if (held) for (const id of held) if (id !== exceptId) return id;
    return undefined;
  }

  /** Opens a (possibly nested) journal; `rollback` undoes every `save` since the matching `begin`. */
  begin(): void {
    this.journals.push([]);
  }

  commit(): void {
    const entries = this.journals.pop();
    if (!entries) throw new Error('commit without begin');
    const outer = this.journals.at(-1);
    if (outer) outer.push(...entries);
    else if (this.commitListener && entries.length > 0) this.commitListener(committedChanges(entries));
  }

  rollback(): void {
    const entries = this.journals.pop();
    if (!entries) throw new Error('rollback without begin');
    for (let i = entries.length - 1; i >= 0; i--) {
      const { table, id, before } = entries[i] as JournalEntry;
      const current = table.records.get(id);
      this.index(table, current, before);
      if (before) table.records.set(id, before);
      else table.records.delete(id);
    }
  }

  get inTransaction(): boolean {
    return this.journals.length > 0;
  }

  /** The table of `objectName` if it has been created (reads need no new table). */
  private existingTable(objectName: string): Table | undefined {
    return this.tablesByExactName.get(objectName) ?? this.tables.get(objectName.toLowerCase());
  }

  private table(objectName: string): Table | undefined {
    const known = this.tablesByExactName.get(objectName);
    if (known) return known;
    const key = objectName.toLowerCase();
    let table = this.tables.get(key);
    if (!table) {
      const schema = this.schemaLookup.get(objectName);
      if (!schema) return undefined;
      const unique = new Map<string, UniqueIndex>();
      const uniqueList: UniqueIndex[] = [];
      for (const field of schema.fields) {
        if (field.externalId || field.unique) {
          const index = { field, caseSensitive: field.caseSensitive === true, values: new Map() };
          // Keyed by the lower-cased name and by the name itself (what DML passes) for a direct hit.
          unique.set(field.name.toLowerCase(), index);
          unique.set(field.name, index);
          uniqueList.push(index);
        }
      }
      table = { schema, records: new Map(), unique, uniqueList, children: new Map() };
      this.tables.set(key, table);
    }
    // Only the schema's own spelling is remembered, so odd spellings from requests cannot grow the map.
    if (objectName === table.schema.name) this.tablesByExactName.set(objectName, table);
    return table;
  }

  private childIndex(table: Table, fieldName: string): ChildIndex {
    const key = fieldName.toLowerCase();
    let index = table.children.get(key);
    if (index) return index;
    const field = table.schema.fields.find((f) => f.name.toLowerCase() === key);
    index = { fieldName: field?.name ?? fieldName, byParent: new Map() };
    table.children.set(key, index);
    if (field) {
      for (const record of table.records.values()) addTo(index.byParent, record[field.name], record.Id, true);
    }
    return index;
  }

  /** Moves `before` → `after` (either may be absent) in every index of the table. */
  private index(table: Table, before: SObjectRecord | undefined, after: SObjectRecord | undefined): void {
    for (const index of table.uniqueList) {
      const name = index.field.name;
      const oldValue = before && before.IsDeleted !== true ? before[name] : undefined;
      const newValue = after && after.IsDeleted !== true ? after[name] : undefined;
      if (oldValue === newValue) continue;
      const id = (after ?? before)?.Id as string;
      removeFrom(index.values, normalize(oldValue, index.caseSensitive), id);
      addTo(index.values, normalize(newValue, index.caseSensitive), id, false);
    }
    if (table.children.size === 0) return;
    for (const { fieldName, byParent } of table.children.values()) {
      const oldValue = before?.[fieldName];
      const newValue = after?.[fieldName];
      if (oldValue === newValue) continue;
      const id = (after ?? before)?.Id as string;
      removeFrom(byParent, typeof oldValue === 'string' ? canonicalId(oldValue) : undefined, id);
      addTo(byParent, newValue, id, true);
    }
  }
}

/** A transaction's journal as one change per record (first `before`, final state), in first-write order. */
function committedChanges(entries: JournalEntry[]): CommittedChange[] {
  const byRecord = new Map<Table, Map<string, SObjectRecord | undefined>>();
  const order: { table: Table; id: string }[] = [];
  for (const { table, id, before } of entries) {
    let records = byRecord.get(table);
    if (!records) {
      records = new Map();
      byRecord.set(table, records);
    }
    if (records.has(id)) continue;
    records.set(id, before);
    order.push({ table, id });
  }
  const changes: CommittedChange[] = [];
  for (const { table, id } of order) {
    const after = table.records.get(id);
    if (after) changes.push({ objectName: table.schema.name, before: byRecord.get(table)?.get(id), after });
  }
  return changes;
}

/** A test for "stamp in [start, end)", comparing stored-form stamps as text. */
function stampRange(start: Date, end: Date): (stamp: unknown) => boolean {
  const from = formatDateTime(start);
  const to = formatDateTime(end);
  const fromMs = start.getTime();
  const toMs = end.getTime();
  return (stamp) => {
    if (isCanonicalDateTime(stamp)) return stamp >= from && stamp < to;
    const ms = parseDateTime(String(stamp));
    return ms !== undefined && ms >= fromMs && ms < toMs;
  };
}

function normalize(value: unknown, caseSensitive: boolean): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const text = String(value);
  return caseSensitive ? text : text.toLowerCase();
}

function addTo(index: IdIndex, value: unknown, id: string, isReference: boolean): void {
  if (value === null || value === undefined || value === '') return;
  const key = isReference ? canonicalId(value) : String(value);
  if (!key) return;
  const held = index.get(key);
  if (held === undefined) index.set(key, id);
  else if (typeof held !== 'string') held.add(id);
  else if (held !== id) index.set(key, new Set([held, id]));
}

function removeFrom(index: IdIndex, key: string | undefined, id: string): void {
  if (key === undefined) return;
  const held = index.get(key);
  if (held === undefined) return;
  if (typeof held === 'string') {
    if (held === id) index.delete(key);
    return;
  }
  held.delete(id);
  if (held.size === 0) index.delete(key);
}

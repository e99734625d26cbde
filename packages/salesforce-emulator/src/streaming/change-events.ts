/**
 * Change Data Capture's event bus: every committed write of the org store becomes a change event
 * (Salesforce's CometD JSON shape), numbered with a replay id and kept for the retention window
 * (72 hours by default, or a number of events) so subscribers can replay what they missed.
 *
 * Hooked at the store's commit (`OrgStore.onCommit`), so every DML path — REST rows, collections,
 * Bulk ingest, upsert, delete with its cascade, undelete, the Lightning pages' writes — emits
 * events in commit order, and a rolled-back write emits none. One transaction gives one
 * `transactionKey` / `commitNumber`, its events numbered by `sequenceNumber`; consecutive changes of
 * one transaction that are the same change (same object, type and field values) share one event
 * whose `recordIds` lists every record, as Salesforce merges them.
 *
 * Replay ids are one increasing sequence for the whole org, never reused (not even after `clear`),
 * so a stored id can never point at a different event later.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ObjectSchema, SObjectRecord } from '../schema/types.js';
import { parseDateTime } from '../store/datetime.js';
import type { CommittedChange } from '../store/org-store.js';
import type { SchemaLookup } from '../store/schema-lookup.js';

export const ChangeType = {
  create: 'CREATE',
  update: 'UPDATE',
  delete: 'DELETE',
  undelete: 'UNDELETE',
  gapCreate: 'GAP_CREATE',
  gapUpdate: 'GAP_UPDATE',
  gapDelete: 'GAP_DELETE',
  gapUndelete: 'GAP_UNDELETE',
  gapOverflow: 'GAP_OVERFLOW',
} as const;
export type ChangeType = (typeof ChangeType)[keyof typeof ChangeType];

export interface ChangeEventHeader {
  entityName: string;
  recordIds: string[];
  changeType: ChangeType;
  changeOrigin: string;
  transactionKey: string;
  sequenceNumber: number;
  commitTimestamp: number;
  commitNumber: number;
  commitUser: string;
  nulledFields: string[];
  diffFields: string[];
  changedFields: string[];
}

/** What a subscriber receives: the Bayeux message's `channel` and `data`. */
export interface ChangeEventMessage {
  channel: string;
  data: {
    schema: string;
    payload: { ChangeEventHeader: ChangeEventHeader } & Record<string, unknown>;
    event: { replayId: number };
  };
}

export interface RetainedEvent {
  replayId: number;
  /** The object's change event channel (`/data/OpportunityChangeEvent`). */
  channel: string;
  /** When it was published, by the emulator's clock (for the retention window). */
  publishedAt: number;
  message: ChangeEventMessage;
}

export const ALL_CHANGE_EVENTS = '/data/ChangeEvents';
export const DEFAULT_RETENTION_MS = 72 * 60 * 60 * 1000;
/** The emulator keeps at most this many events by default: a memory bound, not Salesforce's rule. */
export const DEFAULT_MAX_RETAINED_EVENTS = 250_000;

export interface ChangeEventOptions {
  now: () => Date;
  /** The user a write runs as (`commitUser`). */
  currentUserId: () => string;
  /** `changeOrigin` of the write in progress (empty when not made through an API). */
  changeOrigin: () => string;
  /** How long events stay retrievable by replay (default 72 hours). */
  retentionMs?: number;
  /** At most this many events are kept, the oldest going first (default 250,000; null: no count limit). */
  maxRetainedEvents?: number | null;
  /** The objects selected for Change Data Capture (Setup's "Selected Entities"); default: every object. */
  entities?: string[];
}

export class ChangeEvents {
  private events: RetainedEvent[] = [];
  private nextReplayId = 1;
  private nextCommitNumber = 10_000_000_001;
  private readonly listeners = new Set<(events: RetainedEvent[]) => void>();
  private readonly schemaIds = new Map<string, string>();
  retentionMs: number;
  maxRetainedEvents: number | undefined;
  private readonly selected: Set<string> | undefined;

  constructor(
    private readonly schema: SchemaLookup,
    private readonly options: ChangeEventOptions,
  ) {
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    this.maxRetainedEvents =
      options.maxRetainedEvents === null ? undefined : (options.maxRetainedEvents ?? DEFAULT_MAX_RETAINED_EVENTS);
    this.selected = options.entities && new Set(options.entities.map((name) => name.toLowerCase()));
  }

  /** Called with each batch of newly published events, in replay id order. */
  onPublish(listener: (events: RetainedEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The change event channel of an object: `/data/OpportunityChangeEvent`, `/data/Commission_Statement__ChangeEvent`. */
  static channelOf(objectName: string): string {
    return objectName.endsWith('__c')
      ? `/data/${objectName.slice(0, -3)}__ChangeEvent`
      : `/data/${objectName}ChangeEvent`;
  }

  /** True for `/data/ChangeEvents` and the channel of every object the org has. */
  isChannel(channel: string): boolean {
    return channel === ALL_CHANGE_EVENTS || this.objectOfChannel(channel) !== undefined;
  }

  /** Turns one commit of the store into events (nothing for a commit that changed no reported field). */
  capture(changes: CommittedChange[]): void {
    const drafts: Draft[] = [];
    for (const change of changes) {
      if (this.selected && !this.selected.has(change.objectName.toLowerCase())) continue;
      const object = this.schema.get(change.objectName);
      const draft = object ? draftOf(object, change) : undefined;
      if (!draft) continue;
      const previous = drafts.at(-1);
      if (previous && sameChange(previous, draft)) previous.recordIds.push(...draft.recordIds);
      else drafts.push(draft);
    }
    if (drafts.length === 0) return;
    const stamp = parseDateTime(String(changes[0]?.after.SystemModstamp ?? '')) ?? this.options.now().getTime();
    this.publish(drafts, stamp);
  }

  /**
   * A gap event, as Salesforce sends when it could not generate a regular change event: the header
   * names the records (or none, for GAP_OVERFLOW) and the payload carries no field values.
   */
  publishGap(objectName: string, changeType: ChangeType, recordIds: string[]): RetainedEvent {
    const object = this.schema.get(objectName);
    if (!object) throw new Error(`unknown object ${objectName}`);
    const draft: Draft = {
      object,
      changeType,
      recordIds: [...recordIds],
      fields: {},
      changedFields: [],
      nulledFields: [],
    };
    return this.publish([draft], this.options.now().getTime())[0] as RetainedEvent;
  }

  /** Events still retained, oldest first. */
  retained(): RetainedEvent[] {
    this.expire();
    return this.events;
  }

  /** The highest replay id handed out so far (0 before the first event). */
  get lastReplayId(): number {
    return this.nextReplayId - 1;
  }

  /**
   * What a subscription to `channel` replays: `-1` nothing, `-2` every retained event, a replay id
   * the retained events after it; undefined when that id is not a retained event (expired or never
   * issued), which Salesforce refuses.
   */
  replayFrom(channel: string, replayId: number): RetainedEvent[] | undefined {
    const events = this.retained();
    if (replayId === -1) return [];
    let start = 0;
    if (replayId !== -2) {
      start = events.findIndex((event) => event.replayId === replayId);
      if (start === -1) return undefined;
      start++;
    }
    return events.slice(start).filter((event) => channel === ALL_CHANGE_EVENTS || event.channel === channel);
  }

  /** Forgets every retained event (the replay id sequence continues). */
  clear(): void {
    this.events = [];
  }

  private objectOfChannel(channel: string): ObjectSchema | undefined {
    const match = /^\/data\/(\w+?)(__)?ChangeEvent$/.exec(channel);
    if (!match?.[1]) return undefined;
    const object = this.schema.get(match[2] ? `${match[1]}__c` : match[1]);
    return object && ChangeEvents.channelOf(object.name) === channel ? object : undefined;
  }

  private publish(drafts: Draft[], commitTimestamp: number): RetainedEvent[] {
    const transactionKey = randomUUID();
    const commitNumber = this.nextCommitNumber++;
    const commitUser = this.options.currentUserId();
    const changeOrigin = this.options.changeOrigin();
    const publishedAt = this.options.now().getTime();
    const published = drafts.map((draft, index): RetainedEvent => {
      const replayId = this.nextReplayId++;
      const channel = ChangeEvents.channelOf(draft.object.name);
      const header: ChangeEventHeader = {
        entityName: draft.object.name,
        recordIds: draft.recordIds,
        changeType: draft.changeType,
        changeOrigin,
        transactionKey,
        sequenceNumber: index + 1,
        commitTimestamp,
        commitNumber,
        commitUser,
        nulledFields: draft.nulledFields,
        diffFields: [],
        changedFields: draft.changedFields,
      };
      const data = { schema: this.schemaId(draft.object), payload: { ...draft.fields, ChangeEventHeader: header } };
      return { replayId, channel, publishedAt, message: { channel, data: { ...data, event: { replayId } } } };
    });
    this.events.push(...published);
    this.expire();
    for (const listener of this.listeners) listener(published);
    return published;
  }

  private expire(): void {
    const oldest = this.options.now().getTime() - this.retentionMs;
    let drop = 0;
    while (drop < this.events.length && (this.events[drop] as RetainedEvent).publishedAt <= oldest) drop++;
    if (this.maxRetainedEvents !== undefined) drop = Math.max(drop, this.events.length - this.maxRetainedEvents);
    if (drop > 0) this.events.splice(0, drop);
  }

  /** A stable id for the object's event schema (Salesforce's is an opaque 22-character id). */
  private schemaId(object: ObjectSchema): string {
    let id = this.schemaIds.get(object.name);
    if (!id) {
      const fields = object.fields.map((field) => `${field.name}:${field.type}`).join(',');
      id = createHash('sha256').update(`${object.name}|${fields}`).digest('base64url').slice(0, 22);
      this.schemaIds.set(object.name, id);
    }
    return id;
  }
}

interface Draft {
  object: ObjectSchema;
  changeType: ChangeType;
  recordIds: string[];
  fields: Record<string, unknown>;
  changedFields: string[];
  nulledFields: string[];
}

/** Fields a change event never carries (the record id travels in `recordIds`). */
const NEVER_SENT = new Set(['Id', 'IsDeleted', 'SystemModstamp', 'LastViewedDate', 'LastReferencedDate']);
/** Platform-filled fields that are sent; other calculated fields are formulas, which are not. */
const SYSTEM_SENT = new Set(['CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById']);

/**
 * The event body for one committed record, as a CometD client receives it: CREATE and UNDELETE
 * carry every non-empty field, UPDATE the changed ones (nulled ones as null) plus LastModifiedDate,
 * DELETE none. Undefined when nothing reportable changed.
 */
function draftOf(object: ObjectSchema, { before, after }: CommittedChange): Draft | undefined {
  const wasLive = before !== undefined && before.IsDeleted !== true;
  const isLive = after.IsDeleted !== true;
  let changeType: ChangeType;
  if (!before) changeType = ChangeType.create;
  else if (wasLive && !isLive) changeType = ChangeType.delete;
  else if (!wasLive && isLive) changeType = ChangeType.undelete;
  else if (wasLive) changeType = ChangeType.update;
  else return undefined;
  if (changeType === ChangeType.create && !isLive) return undefined;
  const draft: Draft = { object, changeType, recordIds: [after.Id], fields: {}, changedFields: [], nulledFields: [] };
  if (changeType === ChangeType.delete) return draft;
  for (const field of object.fields) {
    const name = field.name;
    if (NEVER_SENT.has(name) || (field.calculated && !SYSTEM_SENT.has(name))) continue;
    const value = after[name] ?? null;
    if (changeType !== ChangeType.update) {
      if (value !== null && value !== '') draft.fields[name] = wireValue(field.type, value);
      continue;
    }
    if (value === ((before as SObjectRecord)[name] ?? null) && name !== 'LastModifiedDate') continue;
    draft.fields[name] = value === null ? null : wireValue(field.type, value);
    draft.changedFields.push(name);
    if (value === null) draft.nulledFields.push(name);
  }
  if (changeType === ChangeType.update && draft.changedFields.every((name) => name === 'LastModifiedDate')) {
    // Only the system stamp moved (e.g. a re-save): Salesforce reports no change.
    if (after.LastModifiedDate === (before as SObjectRecord).LastModifiedDate) return undefined;
  }
  return draft;
}

/** Datetimes as CometD change events write them (`2024-03-01T12:00:00Z`, milliseconds only when not zero). */
function wireValue(type: string, value: unknown): unknown {
  if (type !== 'datetime' || typeof value !== 'string') return value;
  const ms = parseDateTime(value);
  return ms === undefined ? value : new Date(ms).toISOString().replace('.000Z', 'Z');
}

function sameChange(a: Draft, b: Draft): boolean {
  if (a.object !== b.object || a.changeType !== b.changeType) return false;
  if (a.changedFields.join() !== b.changedFields.join()) return false;
  const keys = Object.keys(a.fields);
  if (keys.length !== Object.keys(b.fields).length) return false;
  return keys.every((key) => a.fields[key] === b.fields[key]);
}

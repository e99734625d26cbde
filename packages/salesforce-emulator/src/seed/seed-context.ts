/**
 * Shared state of one org generation: the PRNG, the id factory, the clock and the records produced
 * so far. Each generator (people, finance, pipeline) appends records through `add`, which stamps the
 * system fields the way Salesforce would.
 */
import { IdFactory } from '../ids.js';
import { ORG_OBJECTS } from '../schema/standard-objects-org.js';
import { SALES_OBJECTS } from '../schema/standard-objects-sales.js';
import type { SObjectRecord } from '../schema/types.js';
import { formatDateTime } from './format.js';
import { Prng } from './prng.js';

const KEY_PREFIXES = new Map([...ORG_OBJECTS, ...SALES_OBJECTS].map((schema) => [schema.name, schema.keyPrefix]));

export interface Audit {
  /** Epoch ms of creation. */
  created: number;
  /** Epoch ms of the last change; defaults to `created`. */
  modified?: number;
  createdBy: string;
  lastModifiedBy?: string;
}

export class SeedContext {
  readonly rng: Prng;
  readonly ids = new IdFactory();
  readonly objects: Record<string, SObjectRecord[]> = {};
  /** Epoch ms of the org's "today" (GenerateOrgOptions.today); no generated timestamp is later. */
  readonly now: number;
  /** The previous calendar year of today, then the year of today. */
  readonly years: readonly [number, number];
  /** When the org was configured: November of the year before the first seeded year. */
  readonly setupTime: number;

  constructor(seed: number, today: Date) {
    this.rng = new Prng(seed);
    this.now = today.getTime();
    const year = today.getUTCFullYear();
    this.years = [year - 1, year];
    this.setupTime = Date.UTC(year - 2, 10, 3, 16, 0, 0);
  }

  /** Issues the next id for an object without storing a record (ids referenced before insertion). */
  newId(objectName: string): string {
    const prefix = KEY_PREFIXES.get(objectName);
    if (prefix === undefined) throw new RangeError(`no key prefix for ${objectName}`);
    return this.ids.next(prefix);
  }

  /**
   * Completes `record` in place with Salesforce's system fields and stores it. Records are built
   * in place (the caller's literal, starting with its Id) because a 100k-opportunity org holds
   * ~300k records and copying each one doubles the garbage.
   */
  add(objectName: string, record: SObjectRecord, audit: Audit): SObjectRecord {
    // Salesforce keeps datetimes to the second (the milliseconds always read .000).
    const modified = Math.floor(Math.min(audit.modified ?? audit.created, this.now) / 1000) * 1000;
    const created = Math.floor(Math.min(audit.created, modified) / 1000) * 1000;
    const modifiedStamp = formatDateTime(modified);
    const target = record;
    target.IsDeleted = false;
    target.CreatedDate = created === modified ? modifiedStamp : formatDateTime(created);
    target.CreatedById = audit.createdBy;
    target.LastModifiedDate = modifiedStamp;
    target.LastModifiedById = audit.lastModifiedBy ?? audit.createdBy;
    target.SystemModstamp = modifiedStamp;
    let list = this.objects[objectName];
    if (!list) {
      list = [];
      this.objects[objectName] = list;
    }
    list.push(target);
    return target;
  }

  /** A moment within `hours` after `base`, at a whole second (as users' edits are). */
  jitter(base: number, hours: number): number {
    return base + Math.floor(this.rng.next() * hours * 3600) * 1000;
  }
}

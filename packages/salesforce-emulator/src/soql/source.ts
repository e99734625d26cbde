/**
 * What SOQL needs from the org, and what it gives back. The store implements `SoqlSource`; the SOQL
 * module itself does no I/O and reads the clock only through `now()`.
 */
import type { ObjectSchema, SObjectRecord } from '../schema/types.js';

export interface SoqlSource {
  /** Case-insensitive lookup by API name. */
  schema(objectName: string): ObjectSchema | undefined;
  /** Every row of one object; rows with IsDeleted = true only when `includeDeleted`. */
  scan(objectName: string, includeDeleted: boolean): Iterable<SObjectRecord>;
  /** One row by id (15 or 18 characters), for parent lookups. */
  get(objectName: string, id: string): SObjectRecord | undefined;
  /** Rows of `childObject` whose `field` points at `parentId` (the store keeps an index). */
  children(childObject: string, field: string, parentId: string, includeDeleted: boolean): Iterable<SObjectRecord>;
  /** The emulator's clock: date literals (TODAY, THIS_QUARTER, …) resolve against it. */
  now(): Date;
}

export interface SoqlResult {
  /** Rows returned (after LIMIT/OFFSET), or the count for `SELECT COUNT()`. */
  totalSize: number;
  /** Salesforce's REST JSON shape: `{ attributes: { type, url }, Field: value, Parent: { … }, Children: { … } }`. */
  records: Record<string, unknown>[];
  /** Canonical API name of the queried object. */
  objectName: string;
  isCount: boolean;
  /**
   * Flattened column names in SELECT order with canonical casing (`Id`, `Owner.Name`); a child
   * subquery appears as its relationship name (`OpportunitySplits`). What a Bulk 2.0 CSV header shows.
   */
  columns: string[];
}

export interface SoqlExecuteOptions {
  /** queryAll: include rows with IsDeleted = true. */
  includeDeleted: boolean;
  /** `62.0`: used in the `attributes.url` of every record. */
  apiVersion: string;
}

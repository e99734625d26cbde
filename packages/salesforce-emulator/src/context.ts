/**
 * What every route module of the emulator receives. The server (server.ts) builds one context per
 * emulator instance and mounts each route module's router with it, so route modules never reach
 * for globals and several emulators can run in one process (tests do).
 */
import type { Response } from 'express';
import type { Faults } from './faults.js';
import type { Limits } from './limits.js';
import type { SchemaRegistry } from './schema/registry.js';
import type { Dml } from './store/dml.js';
import type { OrgStore } from './store/org-store.js';

/** One entry of a Salesforce REST error body: `[{ "message": "...", "errorCode": "...", "fields": [] }]`. */
export interface RestError {
  message: string;
  errorCode: string;
  fields?: string[];
}

export interface EmulatorContext {
  readonly schema: SchemaRegistry;
  readonly store: OrgStore;
  readonly dml: Dml;
  /** The emulator's clock (the real one unless a test injects one); SOQL date literals use it too. */
  now(): Date;
  /** Base URL, e.g. `http://127.0.0.1:4010` (the instance URL and login URL). */
  baseUrl(): string;
  /** `/services/data/v62.0/sobjects/Opportunity/006…` */
  recordUrl(apiVersion: string, objectName: string, id: string): string;
  /** Sends Salesforce's REST error shape: a JSON array of RestError with the given HTTP status. */
  sendError(res: Response, status: number, errors: RestError[]): void;
  /**
   * Injected faults. Routes that write many records per request (collections, Bulk ingest) call
   * `faults.shouldFailRecord()` per record and answer UNABLE_TO_LOCK_ROW for those that draw true
   * (`dmlErrors.lockRow`); request-level latency and 503s are applied before routes run.
   */
  readonly faults: Faults;
  /** Daily API usage and the counted daily limits (`limits.consume('DailyBulkV2QueryJobs')`). */
  readonly limits: Limits;
  /** The user the current request is authenticated as (the integration user outside a request). */
  currentUserId(): string;
}

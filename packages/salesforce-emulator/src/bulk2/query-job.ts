/**
 * A Bulk API 2.0 query job: the SOQL result is taken when the job is created (so a bad query is
 * refused right away, as Salesforce does) and served as CSV pages addressed by an opaque locator.
 * Parent fields are flattened into columns (`Owner.Name`); every value is double-quoted, nulls are
 * empty, datetimes use the Bulk API's `Z` form (`2024-03-01T12:00:00.000Z`).
 */
import type { SchemaRegistry } from '../schema/registry.js';
import type { FieldSchema } from '../schema/types.js';
import type { SoqlResult } from '../soql/source.js';
import { ColumnDelimiter, LineEnding, quoteField } from './csv.js';
import { Bulk2Job, type JobIdentity, JobState, JobType } from './job-info.js';

/**
 * Rows per results page when the client gives no `maxRecords`. Salesforce chooses the size itself;
 * large results come back in chunks of about this many rows (observed with PK chunking).
 */
export const DEFAULT_QUERY_PAGE_SIZE = 250_000;

export interface ResultPage {
  /** The CSV text (header first), in order. */
  chunks: Iterable<string>;
  numberOfRecords: number;
  /** Locator of the next page, or `'null'` (the literal text Salesforce sends) after the last. */
  nextLocator: string;
}

export class QueryJob extends Bulk2Job {
  readonly jobType = JobType.query;
  private readonly rows: Record<string, unknown>[];
  private readonly columns: ColumnReader[];

  constructor(identity: JobIdentity, result: SoqlResult, schema: SchemaRegistry) {
    super(identity, JobState.uploadComplete);
    this.rows = result.records;
    this.columns = result.columns.map((column) => columnReader(schema, result.objectName, column));
  }

  get numberRecordsProcessed(): number {
    return this.state === JobState.jobComplete ? this.rows.length : 0;
  }

  status(): Record<string, unknown> {
    return {
      ...this.summary(),
      numberRecordsProcessed: this.numberRecordsProcessed,
      retries: 0,
      totalProcessingTime: Math.round(this.processingMs),
      isPkChunkingSupported: true,
    };
  }

  /**
   * One page of results starting at `locator` (undefined = the first page). The CSV comes as
   * chunks of a few thousand rows so a large page is streamed rather than built as one string.
   */
  page(locator: string | undefined, maxRecords: number): ResultPage {
    const start = locator === undefined ? 0 : decodeLocator(locator, this.rows.length);
    const end = Math.min(start + maxRecords, this.rows.length);
    return {
      chunks: this.chunks(start, end),
      numberOfRecords: end - start,
      nextLocator: end < this.rows.length ? encodeLocator(end) : 'null',
    };
  }

  private *chunks(start: number, end: number): Generator<string> {
    const delimiter = ColumnDelimiter[this.identity.columnDelimiter];
    const eol = LineEnding[this.identity.lineEnding];
    const columns = this.columns;
    let out = columns.map((column) => quoteField(column.name)).join(delimiter) + eol;
    for (let i = start; i < end; i++) {
      const row = this.rows[i] as Record<string, unknown>;
      for (let c = 0; c < columns.length; c++) {
        const column = columns[c] as ColumnReader;
        const value = column.render(column.read(row));
        const quoted = value.indexOf('"') === -1 ? value : value.replaceAll('"', '""');
        out += c === 0 ? `"${quoted}"` : `${delimiter}"${quoted}"`;
      }
      out += eol;
      if ((i - start) % CHUNK_ROWS === CHUNK_ROWS - 1) {
        yield out;
        out = '';
      }
    }
    if (out !== '') yield out;
  }
}

/** Rows per streamed chunk of a results page. */
const CHUNK_ROWS = 2000;

/** Opaque to clients like Salesforce's (base64 text); encodes the offset of the page's first row. */
function encodeLocator(offset: number): string {
  return Buffer.from(String(offset)).toString('base64url');
}

export class InvalidLocatorError extends Error {}

function decodeLocator(locator: string, size: number): number {
  const text = /^[A-Za-z0-9_-]+$/.test(locator) ? Buffer.from(locator, 'base64url').toString() : '';
  if (!/^\d+$/.test(text) || Number(text) > size) throw new InvalidLocatorError(locator);
  return Number(text);
}

interface ColumnReader {
  name: string;
  read(row: Record<string, unknown>): unknown;
  render(value: unknown): string;
}

/** Reads a flattened column (`Owner.Manager.Name`) out of a nested REST-shaped record. */
function columnReader(schema: SchemaRegistry, objectName: string, column: string): ColumnReader {
  const path = column.split('.');
  const field = resolveField(schema, objectName, path);
  const isDateTime = field?.type === 'datetime';
  const read =
    path.length === 1
      ? (row: Record<string, unknown>) => row[column]
      : (row: Record<string, unknown>) => {
          let value: unknown = row;
          for (const segment of path) {
            if (value === null || value === undefined || typeof value !== 'object') return null;
            value = (value as Record<string, unknown>)[segment];
          }
          return value;
        };
  return { name: column, read, render: (value) => renderValue(value, isDateTime) };
}

function resolveField(schema: SchemaRegistry, objectName: string, path: string[]): FieldSchema | undefined {
  let current = objectName;
  for (let i = 0; i < path.length - 1; i++) {
    const reference = schema.parentRelationship(current, path[i] as string);
    const target = reference?.referenceTo?.[0];
    if (!target) return undefined;
    current = target;
  }
  return schema.field(current, path[path.length - 1] as string);
}

function renderValue(value: unknown, isDateTime: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    return isDateTime && value.endsWith('+0000') ? `${value.slice(0, -5)}Z` : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

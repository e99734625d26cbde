/**
 * sObject Collections (`/services/data/vXX.X/composite/sobjects`): create, update, upsert, delete
 * and retrieve up to 200 records per request, each record answered in request order with
 * Salesforce's SaveResult / UpsertResult / DeleteResult shape. Every write goes through `ctx.dml`,
 * so validation and system fields are the same as for single-record REST and Bulk API 2.0.
 *
 * `allOrNone: true` runs the request in one `dml.transaction`: when any record fails, everything is
 * rolled back, the failing records keep their own errors and every other record reports
 * ALL_OR_NONE_OPERATION_ROLLED_BACK. With `allOrNone: false` the good records are kept.
 */
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { EmulatorContext } from '../context.js';
import type { FieldSchema, ObjectSchema, SObjectRecord } from '../schema/types.js';
import type { DmlResult, SalesforceError } from '../store/dml.js';
import { dmlErrors } from '../store/dml-errors.js';
import { canonicalId } from '../store/record-id.js';

/** Records per create / update / upsert / delete request. */
export const MAX_COLLECTION_RECORDS = 200;
/** Ids per retrieve: 800 fit in a GET URL, 2000 in a POST body (Salesforce's limits). */
const MAX_RETRIEVE_IDS_GET = 800;
const MAX_RETRIEVE_IDS_POST = 2000;
/** Runs of consecutive records of one type that a create/update may contain. */
const MAX_TYPE_CHUNKS = 10;

const ROLLED_BACK: SalesforceError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

type Operation = 'create' | 'update' | 'upsert' | 'delete';

/** One record's outcome before it is written to JSON. */
type Outcome = DmlResult & { created?: boolean };

/** A request-level problem: answered with one REST error body and no per-record results. */
class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

class Rollback extends Error {}

export function compositeSObjectsRouter(ctx: EmulatorContext): Router {
  const router = Router({ mergeParams: true });
  router.use(express.json({ limit: '50mb' }));

  const handle = (work: (req: Request) => unknown) => (req: Request, res: Response) => {
    try {
      res.status(200).json(work(req));
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      ctx.sendError(res, error.status, [{ message: error.message, errorCode: error.errorCode, fields: [] }]);
    }
  };

  // sObject Collections arrived in API 42.0, their upsert in 46.0; before that the URL does not exist.
  router.use((req, res, next) => {
    const version = Number(/^v?(\d+(?:\.\d+)?)$/.exec(String(req.params.version ?? ''))?.[1] ?? Number.NaN);
    const upsert = req.method === 'PATCH' && req.path.split('/').filter(Boolean).length === 2;
    if (version >= (upsert ? 46 : 42)) return next();
    ctx.sendError(res, 404, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND', fields: [] }]);
  });
  router.post(
    '/',
    handle((req) => create(ctx, bodyOf(req))),
  );
  router.patch(
    '/',
    handle((req) => update(ctx, bodyOf(req))),
  );
  router.delete(
    '/',
    handle((req) => destroy(ctx, req)),
  );
  router.get(
    '/:object',
    handle((req) => retrieve(ctx, req, 'GET')),
  );
  router.post(
    '/:object',
    handle((req) => retrieve(ctx, req, 'POST')),
  );
  router.patch(
    '/:object/:externalIdField',
    handle((req) => upsert(ctx, req)),
  );
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const parseFailed = (error as { type?: string } | null)?.type === 'entity.parse.failed';
    if (!parseFailed) return next(error);
    ctx.sendError(res, 400, [{ message: (error as Error).message, errorCode: 'JSON_PARSER_ERROR', fields: [] }]);
  });
  return router;
}

interface CollectionBody {
  allOrNone: boolean;
  records: Record<string, unknown>[];
}

function bodyOf(req: Request): CollectionBody {
  const body = req.body as { allOrNone?: unknown; records?: unknown } | undefined;
  if (!body || typeof body !== 'object' || !Array.isArray(body.records)) {
    throw new RequestError(400, 'JSON_PARSER_ERROR', 'The request body must be an object with a records array');
  }
  if (body.records.some((record) => record === null || typeof record !== 'object' || Array.isArray(record))) {
    throw new RequestError(400, 'JSON_PARSER_ERROR', 'Each element of records must be a JSON object');
  }
  checkCount(body.records.length, MAX_COLLECTION_RECORDS);
  return { allOrNone: body.allOrNone === true || body.allOrNone === 'true', records: body.records };
}

function checkCount(count: number, max: number): void {
  if (count > max) {
    throw new RequestError(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${max} records into this call`,
    );
  }
}

/** `attributes.type` of every record, refusing the request when one lacks it or there are too many chunks. */
function typesOf(records: Record<string, unknown>[]): string[] {
  const types = records.map((record) => {
    const type = (record.attributes as { type?: unknown } | undefined)?.type;
    if (typeof type !== 'string' || type === '') {
      throw new RequestError(400, 'INVALID_TYPE', 'Each record in a collection must have attributes.type');
    }
    return type;
  });
  let chunks = 0;
  for (let i = 0; i < types.length; i++) if (i === 0 || types[i] !== types[i - 1]) chunks++;
  if (chunks > MAX_TYPE_CHUNKS) {
    throw new RequestError(
      400,
      'EXCEEDED_MAX_TYPES_LIMIT',
      'Cannot have more than 10 chunks in a single operation. Please rearrange the data to reduce chunking.',
    );
  }
  return types;
}

function create(ctx: EmulatorContext, body: CollectionBody): unknown[] {
  const types = typesOf(body.records);
  const outcomes = run(ctx, body.allOrNone, 'create', body.records, (record, i) =>
    ctx.dml.insert(types[i] as string, fieldsOf(record)),
  );
  return outcomes.map((outcome) => saveResult(outcome, 'create'));
}

function update(ctx: EmulatorContext, body: CollectionBody): unknown[] {
  const types = typesOf(body.records);
  const ids = body.records.map((record) => recordIdOf(record));
  const duplicates = repeated(ids.map((id) => (id === undefined ? undefined : (canonicalId(id) ?? id))));
  const outcomes = run(
    ctx,
    body.allOrNone,
    'update',
    body.records,
    (record, i) => {
      const id = ids[i];
      if (id === undefined) return failure(error('MISSING_ARGUMENT', 'Id not specified in an update call'));
      const key = canonicalId(id) ?? id;
      if (duplicates.has(key)) return failure(error('DUPLICATE_VALUE', `Duplicate id specified: ${id}`), key);
      return ctx.dml.update(types[i] as string, id, fieldsOf(record));
    },
    (_record, i) => ids[i],
  );
  return outcomes.map((outcome) => saveResult(outcome, 'update'));
}

function upsert(ctx: EmulatorContext, req: Request): unknown[] {
  const object = objectOf(ctx, String(req.params.object));
  const keyField = externalIdFieldOf(ctx, object, String(req.params.externalIdField));
  const body = bodyOf(req);
  const types = typesOf(body.records);
  const keys = body.records.map((record) => externalIdOf(record, keyField));
  const duplicates = repeated(keys.map((key) => (key === undefined ? undefined : normalizeKey(keyField, key))));
  const outcomes = run(ctx, body.allOrNone, 'upsert', body.records, (record, i) => {
    if ((types[i] as string).toLowerCase() !== object.name.toLowerCase()) {
      return failure(
        error('INVALID_TYPE', `Record type ${types[i]} does not match the request's object type ${object.name}`),
      );
    }
    const key = keys[i];
    if (key === undefined) return failure(error('MISSING_ARGUMENT', `${keyField.name} not specified`, [keyField.name]));
    if (duplicates.has(normalizeKey(keyField, key))) {
      return failure(error('DUPLICATE_VALUE', `Duplicate external id specified: ${key}`, [keyField.name]));
    }
    return ctx.dml.upsert(object.name, keyField.name, key, fieldsOf(record));
  });
  return outcomes.map((outcome) => saveResult(outcome, 'upsert'));
}

function destroy(ctx: EmulatorContext, req: Request): unknown[] {
  const raw = typeof req.query.ids === 'string' ? req.query.ids : '';
  const ids = raw.split(',').filter((id) => id !== '');
  if (ids.length === 0) throw new RequestError(400, 'MISSING_ARGUMENT', 'The ids parameter is required');
  checkCount(ids.length, MAX_COLLECTION_RECORDS);
  const allOrNone = String(req.query.allOrNone).toLowerCase() === 'true';
  const duplicates = repeated(ids.map((id) => canonicalId(id) ?? id));
  const outcomes = run(
    ctx,
    allOrNone,
    'delete',
    ids,
    (id) => {
      const key = canonicalId(id);
      const object = key ? ctx.schema.byKeyPrefix(key) : undefined;
      if (!key || !object) return failure(error('MALFORMED_ID', `bad id ${id}`));
      if (duplicates.has(key)) return failure(error('DUPLICATE_VALUE', `Duplicate id specified: ${id}`), key);
      return ctx.dml.delete(object.name, key);
    },
    (id) => id,
  );
  return outcomes.map((outcome) => saveResult(outcome, 'delete'));
}

/**
 * Applies `write` to every item in order inside one transaction (one SystemModstamp for the
 * request, as one Salesforce save). Under allOrNone a failure rolls everything back afterwards, so
 * every record is still validated and reported, as Salesforce does.
 */
function run<T>(
  ctx: EmulatorContext,
  allOrNone: boolean,
  operation: Operation,
  items: T[],
  write: (item: T, index: number) => DmlResult,
  idOf: (item: T, index: number) => string | undefined = () => undefined,
): Outcome[] {
  let outcomes: Outcome[] = [];
  try {
    ctx.dml.transaction(() => {
      outcomes = items.map((item, i) => injectedFault(ctx, idOf(item, i)) ?? write(item, i));
      if (allOrNone && outcomes.some((outcome) => !outcome.success)) throw new Rollback();
    });
  } catch (caught) {
    if (!(caught instanceof Rollback)) throw caught;
    outcomes = outcomes.map((outcome) =>
      outcome.success
        ? {
            id: operation === 'create' || (operation === 'upsert' && outcome.created) ? null : outcome.id,
            success: false,
            errors: [ROLLED_BACK],
          }
        : outcome,
    );
  }
  return outcomes;
}

/** A per-record failure the fault injector asks for (UNABLE_TO_LOCK_ROW under contention). */
function injectedFault(ctx: EmulatorContext, id: string | undefined): DmlResult | undefined {
  return ctx.faults.shouldFailRecord()
    ? failure(dmlErrors.lockRow(), id ? (canonicalId(id) ?? null) : null)
    : undefined;
}

/** SaveResult / UpsertResult / DeleteResult JSON, with keys in Salesforce's order. */
function saveResult(outcome: Outcome, operation: Operation): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  if (outcome.id !== null) json.id = outcome.id;
  json.success = outcome.success;
  json.errors = outcome.success ? [] : outcome.errors;
  // Salesforce's UpsertResult always carries `created`: false for a failed or rolled-back record.
  if (operation === 'upsert') json.created = outcome.success ? outcome.created === true : false;
  return json;
}

function retrieve(ctx: EmulatorContext, req: Request, method: 'GET' | 'POST'): (Record<string, unknown> | null)[] {
  const object = objectOf(ctx, String(req.params.object));
  const source = method === 'GET' ? req.query : ((req.body ?? {}) as Record<string, unknown>);
  const ids = listParam(source.ids);
  const fieldNames = listParam(source.fields);
  if (ids.length === 0) throw new RequestError(400, 'MISSING_ARGUMENT', 'The ids parameter is required');
  if (fieldNames.length === 0) throw new RequestError(400, 'MISSING_ARGUMENT', 'The fields parameter is required');
  checkCount(ids.length, method === 'GET' ? MAX_RETRIEVE_IDS_GET : MAX_RETRIEVE_IDS_POST);
  const fields = fieldNames.map((name) => {
    const field = ctx.schema.field(object.name, name);
    if (!field) {
      throw new RequestError(
        400,
        'INVALID_FIELD',
        `No such column '${name}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    return field;
  });
  const apiVersion = String(req.params.version ?? 'v62.0');
  return ids.map((id) => {
    const key = canonicalId(id);
    if (!key || key.slice(0, 3) !== object.keyPrefix) {
      throw new RequestError(400, 'MALFORMED_ID', `${object.label} ID: id value of incorrect type: ${id}`);
    }
    const record = ctx.store.get(object.name, key);
    return record && record.IsDeleted !== true ? project(ctx, apiVersion, object, record, fields) : null;
  });
}

function project(
  ctx: EmulatorContext,
  apiVersion: string,
  object: ObjectSchema,
  record: SObjectRecord,
  fields: FieldSchema[],
): Record<string, unknown> {
  const json: Record<string, unknown> = {
    attributes: { type: object.name, url: ctx.recordUrl(apiVersion, object.name, record.Id) },
  };
  for (const field of fields) json[field.name] = record[field.name] ?? null;
  // Salesforce always answers with the record's Id, after the fields asked for.
  json.Id = record.Id;
  return json;
}

function listParam(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((entry) => listParam(entry));
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function objectOf(ctx: EmulatorContext, name: string): ObjectSchema {
  const object = ctx.schema.get(name);
  if (!object) throw new RequestError(404, 'NOT_FOUND', 'The requested resource does not exist');
  return object;
}

function externalIdFieldOf(ctx: EmulatorContext, object: ObjectSchema, name: string): FieldSchema {
  const field = ctx.schema.field(object.name, name);
  if (!field) {
    throw new RequestError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${name}`);
  }
  if (field.name !== 'Id' && !field.externalId) {
    throw new RequestError(
      400,
      'INVALID_FIELD',
      `Field name provided, ${field.name} is not an External ID or indexed field for ${object.name}`,
    );
  }
  return field;
}

/**
 * The record's fields as DML takes them. DML itself skips `attributes` (and Id on update), so the
 * parsed record is passed as is rather than copied 200 times a request.
 */
function fieldsOf(record: Record<string, unknown>): Record<string, unknown> {
  return record;
}

/** `id` or `Id` (any case), as Salesforce reads it. */
function recordIdOf(record: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(record)) {
    if (key.toLowerCase() === 'id' && typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function externalIdOf(record: Record<string, unknown>, field: FieldSchema): string | undefined {
  const asText = (value: unknown) =>
    value === null || value === undefined || value === '' || typeof value === 'object' ? undefined : String(value);
  // Spelled as the schema spells it (the usual case), else any casing.
  if (Object.hasOwn(record, field.name)) return asText(record[field.name]);
  const wanted = field.name.toLowerCase();
  for (const key in record) if (key.toLowerCase() === wanted) return asText(record[key]);
  return undefined;
}

function normalizeKey(field: FieldSchema, value: string): string {
  if (field.name === 'Id') return canonicalId(value) ?? value;
  return field.caseSensitive ? value : value.toLowerCase();
}

/** Values that occur more than once (undefined never counts). */
function repeated(values: (string | undefined)[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const value of values) {
    if (value === undefined) continue;
    if (seen.has(value)) twice.add(value);
    seen.add(value);
  }
  return twice;
}

function error(statusCode: string, message: string, fields: string[] = []): SalesforceError {
  return { statusCode, message, fields };
}

function failure(reason: SalesforceError, id: string | null = null): DmlResult {
  return { id, success: false, errors: [reason] };
}

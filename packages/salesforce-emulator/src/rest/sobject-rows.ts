/**
 * sObject Rows and sObject Rows by External ID:
 *   POST   …/sobjects/X                 create (201 { id, success, errors })
 *   GET    …/sobjects/X/{id}[?fields=]  read (a SOQL query underneath, so errors read like Salesforce's)
 *   PATCH  …/sobjects/X/{id}            update (204)
 *   DELETE …/sobjects/X/{id}            delete to the recycle bin (204)
 *   GET/PATCH/DELETE …/sobjects/X/{ExternalIdField}/{value}: read, upsert, delete by external id
 *   POST   …/sobjects/X/Id              create (the `Id` upsert special case, v37.0+)
 * Upsert answers 201 + `created: true` for an insert and 200 + `created: false` for an update
 * (API v46.0+; older versions answer 204 for an update and omit `created`), 300 with the matching
 * record URLs when the external id matches several records.
 */
import { type Request, type Response, Router } from 'express';
import type { EmulatorContext } from '../context.js';
import type { FieldSchema, ObjectSchema } from '../schema/types.js';
import { executeSoql, SoqlError } from '../soql/index.js';
import type { DmlResult } from '../store/dml.js';
import { canonicalId } from '../store/record-id.js';
import { fieldOf } from '../store/schema-lookup.js';
import { versionOf } from './query-route.js';
import { fromDmlError, RestErrors } from './rest-errors.js';

/** The `created` flag and 200-on-update answer of upsert exist from API v46.0. */
const UPSERT_CREATED_SINCE = 46;

const soqlString = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function sobjectRowsRouter(ctx: EmulatorContext): Router {
  const router = Router({ mergeParams: true });

  const objectOf = (req: Request, res: Response): ObjectSchema | undefined => {
    const object = ctx.schema.get(String(req.params.object));
    if (!object) ctx.sendError(res, 404, [RestErrors.notFound()]);
    return object;
  };

  /** A body that is a JSON object, or a JSON_PARSER_ERROR answered. */
  const bodyOf = (req: Request, res: Response, object: ObjectSchema): Record<string, unknown> | undefined => {
    const body: unknown = req.body;
    if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
      const token = Array.isArray(body) ? 'START_ARRAY' : 'VALUE_NULL';
      ctx.sendError(res, 400, [
        RestErrors.jsonParser(`Cannot deserialize instance of ${object.name} from ${token} value [line:1, column:1]`),
      ]);
      return undefined;
    }
    return body as Record<string, unknown>;
  };

  /** Sends a failed DmlResult the way the single-record REST API does. */
  const sendDmlFailure = (req: Request, res: Response, object: ObjectSchema, result: DmlResult) => {
    if (result.success) return;
    const [first] = result.errors;
    if (first?.statusCode === 'INVALID_TYPE_ON_FIELD_IN_RECORD') {
      const field = fieldOf(object, first.fields[0] ?? '');
      if (field) {
        ctx.sendError(res, 400, [RestErrors.jsonParser(jsonTypeMessage(req, field))]);
        return;
      }
    }
    const status = first?.statusCode === 'ENTITY_IS_DELETED' && first.fields.length === 0 ? 404 : 400;
    ctx.sendError(res, status, result.errors.map(fromDmlError));
  };

  const readRecord = (req: Request, res: Response, object: ObjectSchema, where: string) => {
    const requested =
      typeof req.query.fields === 'string' && req.query.fields.trim() !== '' ? req.query.fields : undefined;
    const fields = requested ?? object.fields.map((field) => field.name).join(', ');
    try {
      const result = executeSoql(`SELECT ${fields} FROM ${object.name} WHERE ${where}`, ctx.store, {
        includeDeleted: false,
        apiVersion: versionOf(req),
      });
      // Salesforce appends the Id to a record read with `?fields=` that did not ask for it.
      return result.records.map((record) =>
        'Id' in record ? record : { ...record, Id: record.attributes ? idOf(record) : null },
      );
    } catch (error) {
      if (!(error instanceof SoqlError)) throw error;
      ctx.sendError(res, 400, [{ message: error.message, errorCode: error.errorCode }]);
      return undefined;
    }
  };

  const multipleChoices = (req: Request, res: Response, object: ObjectSchema, ids: string[]) => {
    res.status(300).json(ids.map((id) => ctx.recordUrl(versionOf(req), object.name, id)));
  };

  /** An external id field that upsert / read / delete by external id may use, or 404 answered. */
  const keyFieldOf = (req: Request, res: Response, object: ObjectSchema): FieldSchema | undefined => {
    const name = String(req.params.field);
    const field = fieldOf(object, name);
    if (!field || !(field.externalId || field.name === 'Id')) {
      ctx.sendError(res, 404, [RestErrors.externalIdFieldMissing(name)]);
      return undefined;
    }
    return field;
  };

  router.post('/sobjects/:object', (req, res) => {
    const object = objectOf(req, res);
    if (!object) return;
    const body = bodyOf(req, res, object);
    if (!body) return;
    const result = ctx.dml.insert(object.name, body);
    if (!result.success) return sendDmlFailure(req, res, object, result);
    res.status(201).json({ id: result.id, success: true, errors: [] });
  });

  router.get('/sobjects/:object/:id', (req, res) => {
    const object = objectOf(req, res);
    if (!object) return;
    const id = canonicalId(String(req.params.id));
    if (!id) {
      ctx.sendError(res, 404, [RestErrors.externalIdFieldMissing(String(req.params.id))]);
      return;
    }
    if (id.slice(0, 3) !== object.keyPrefix) {
      ctx.sendError(res, 404, [RestErrors.notFound()]);
      return;
    }
    const records = readRecord(req, res, object, `Id = '${id}'`);
    if (!records) return;
    if (records.length === 0) return ctx.sendError(res, 404, [RestErrors.notFound()]);
    res.status(200).json(records[0]);
  });

  router.patch('/sobjects/:object/:id', (req, res) => {
    const object = objectOf(req, res);
    if (!object) return;
    const id = canonicalId(String(req.params.id));
    const existing = id && id.slice(0, 3) === object.keyPrefix ? ctx.store.get(object.name, id) : undefined;
    if (!existing) return ctx.sendError(res, 404, [RestErrors.notFound()]);
    const body = bodyOf(req, res, object);
    if (!body) return;
    if (existing.IsDeleted === true) {
      return ctx.sendError(res, 404, [{ message: 'entity is deleted', errorCode: 'ENTITY_IS_DELETED', fields: [] }]);
    }
    const result = ctx.dml.update(object.name, existing.Id, body);
    if (!result.success) return sendDmlFailure(req, res, object, result);
    res.status(204).end();
  });

  router.delete('/sobjects/:object/:id', (req, res) => {
    const object = objectOf(req, res);
    if (!object) return;
    const id = canonicalId(String(req.params.id));
    const existing = id && id.slice(0, 3) === object.keyPrefix ? ctx.store.get(object.name, id) : undefined;
    if (!existing) return ctx.sendError(res, 404, [RestErrors.notFound()]);
    const result = ctx.dml.delete(object.name, existing.Id);
    if (!result.success) {
      const status = result.errors[0]?.statusCode === 'ENTITY_IS_DELETED' ? 404 : 400;
      return ctx.sendError(res, status, result.errors.map(fromDmlError));
    }
    res.status(204).end();
  });

  router.post('/sobjects/:object/:field', (req, res) => {
    const object = objectOf(req, res);
    if (!object) return;
    if (String(req.params.field).toLowerCase() !== 'id') {
      ctx.sendError(res, 405, [RestErrors.methodNotAllowed('POST', ['HEAD', 'GET', 'PATCH', 'DELETE'])]);
      return;
    }
    const body = bodyOf(req, res, object);
    if (!body) return;
    const result = ctx.dml.insert(object.name, body);
    if (!result.success) return sendDmlFailure(req, res, object, result);
    res.status(201).json({ id: result.id, success: true, errors: [], created: true });
  });

  router.get('/sobjects/:object/:field/:value', (req, res) => {
    const object = objectOf(req, res);
    if (!object) return;
    const field = keyFieldOf(req, res, object);
    if (!field) return;
    const records = readRecord(req, res, object, `${field.name} = ${soqlString(String(req.params.value))}`);
    if (!records) return;
    if (records.length === 0) return ctx.sendError(res, 404, [RestErrors.notFound()]);
    if (records.length > 1) {
      return multipleChoices(
        req,
        res,
        object,
        records.map((record) => String(record.Id)),
      );
    }
    res.status(200).json(records[0]);
  });

  router.patch('/sobjects/:object/:field/:value', (req, res) => {
    const object = objectOf(req, res);
    if (!object) return;
    const field = keyFieldOf(req, res, object);
    if (!field) return;
    const body = bodyOf(req, res, object);
    if (!body) return;
    const value = String(req.params.value);
    if (field.name !== 'Id') {
      const matches = ctx.store.findByExternalId(object.name, field.name, value);
      if (matches.length > 1)
        return multipleChoices(
          req,
          res,
          object,
          matches.map((record) => record.Id),
        );
    }
    const result = ctx.dml.upsert(object.name, field.name, value, body);
    if (!result.success) return sendDmlFailure(req, res, object, result);
    const modern = Number(versionOf(req)) >= UPSERT_CREATED_SINCE;
    if (result.created) {
      res.status(201).json({ id: result.id, success: true, errors: [], ...(modern ? { created: true } : {}) });
    } else if (modern) {
      res.status(200).json({ id: result.id, success: true, errors: [], created: false });
    } else {
      res.status(204).end();
    }
  });

  router.delete('/sobjects/:object/:field/:value', (req, res) => {
    const object = objectOf(req, res);
    if (!object) return;
    const field = keyFieldOf(req, res, object);
    if (!field) return;
    const value = String(req.params.value);
    const matches =
      field.name === 'Id'
        ? [ctx.store.get(object.name, value)].filter((record) => record && record.IsDeleted !== true)
        : ctx.store.findByExternalId(object.name, field.name, value);
    if (matches.length === 0) return ctx.sendError(res, 404, [RestErrors.notFound()]);
    if (matches.length > 1)
      return multipleChoices(
        req,
        res,
        object,
        matches.map((record) => String(record?.Id)),
      );
    const result = ctx.dml.delete(object.name, String(matches[0]?.Id));
    if (!result.success) return ctx.sendError(res, 400, result.errors.map(fromDmlError));
    res.status(204).end();
  });

  return router;
}

function idOf(record: Record<string, unknown>): string | null {
  const url = (record.attributes as { url?: unknown } | undefined)?.url;
  return typeof url === 'string' ? (url.split('/').pop() ?? null) : null;
}

/** Salesforce's JSON reader message for a value it cannot turn into the field's type. */
function jsonTypeMessage(req: Request, field: FieldSchema): string {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const key = Object.keys(body).find((name) => name.toLowerCase() === field.name.toLowerCase()) ?? field.name;
  const value = body[key];
  const token =
    typeof value === 'string'
      ? 'VALUE_STRING'
      : typeof value === 'number'
        ? Number.isInteger(value)
          ? 'VALUE_NUMBER_INT'
          : 'VALUE_NUMBER_FLOAT'
        : typeof value === 'boolean'
          ? value
            ? 'VALUE_TRUE'
            : 'VALUE_FALSE'
          : Array.isArray(value)
            ? 'START_ARRAY'
            : 'START_OBJECT';
  const javaType = ['currency', 'percent', 'double'].includes(field.type) ? 'double' : field.type;
  const raw = (req as Request & { rawBody?: string }).rawBody ?? JSON.stringify(body);
  const keyAt = raw.indexOf(`"${key}"`);
  const colon = keyAt >= 0 ? raw.indexOf(':', keyAt + key.length + 2) : -1;
  let end = colon + 1;
  while (end < raw.length && /\s/.test(raw[end] as string)) end++;
  end += JSON.stringify(value)?.length ?? 0;
  const line = raw.slice(0, end).split('\n').length;
  const column = end - raw.lastIndexOf('\n', end - 1);
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return `Cannot deserialize instance of ${javaType} from ${token} value ${shown} or request may be missing a required field at [line:${line}, column:${column}]`;
}

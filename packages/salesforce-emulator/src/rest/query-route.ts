/**
 * SOQL over REST: `GET …/query?q=` and `…/queryAll?q=` (deleted rows too), then
 * `GET …/query/{locator}` for the following pages. Pages hold at most 2,000 records, or the
 * `Sforce-Query-Options: batchSize=N` the client asks for (200–2,000). With `columns=true` the
 * answer describes the query's columns instead (soql/column-metadata.ts).
 */
import { type Request, type Response, Router } from 'express';
import type { EmulatorContext } from '../context.js';
import { describeQueryColumns, executeSoql, SoqlError } from '../soql/index.js';
import type { QueryCursors } from './query-cursors.js';
import { RestErrors } from './rest-errors.js';

export const DEFAULT_BATCH_SIZE = 2000;
export const MIN_BATCH_SIZE = 200;

/** The batch size a `Sforce-Query-Options` header asks for, clamped to Salesforce's range. */
export function batchSizeOf(header: string | undefined): number {
  const match = /batchSize\s*=\s*(\d+)/i.exec(header ?? '');
  if (!match) return DEFAULT_BATCH_SIZE;
  return Math.min(Math.max(Number(match[1]), MIN_BATCH_SIZE), DEFAULT_BATCH_SIZE);
}

export function versionOf(req: Request): string {
  return String(req.params.version ?? 'v62.0').replace(/^v/, '');
}

export function queryRouter(ctx: EmulatorContext, cursors: QueryCursors): Router {
  const router = Router({ mergeParams: true });

  const page = (
    res: Response,
    version: string,
    cursorId: string | undefined,
    records: Record<string, unknown>[],
    totalSize: number,
    offset: number,
    batchSize: number,
  ) => {
    const end = Math.min(offset + batchSize, records.length);
    const done = end >= records.length;
    if (done && cursorId) cursors.close(cursorId);
    res.status(200).json({
      totalSize,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/query/${cursorId}-${end}` }),
      records: records.slice(offset, end),
    });
  };

  const run = (includeDeleted: boolean) => (req: Request, res: Response) => {
    const q = req.query.q;
    if (typeof q !== 'string' || q.trim() === '') {
      ctx.sendError(res, 400, [{ message: 'A query string has to be specified', errorCode: 'MALFORMED_QUERY' }]);
      return;
    }
    const version = versionOf(req);
    let result: ReturnType<typeof executeSoql>;
    try {
      if (req.query.columns === 'true') {
        res.status(200).json(describeQueryColumns(q, ctx.store, { includeDeleted, apiVersion: version }));
        return;
      }
      result = executeSoql(q, ctx.store, { includeDeleted, apiVersion: version });
    } catch (error) {
      if (error instanceof SoqlError) {
        ctx.sendError(res, 400, [{ message: error.message, errorCode: error.errorCode }]);
        return;
      }
      throw error;
    }
    const batchSize = batchSizeOf(req.header('Sforce-Query-Options'));
    const cursorId =
      result.records.length > batchSize
        ? cursors.open(ctx.currentUserId(), result.records, result.totalSize, batchSize).id
        : undefined;
    page(res, version, cursorId, result.records, result.totalSize, 0, batchSize);
  };

  const more = (req: Request, res: Response) => {
    const found = cursors.resolve(String(req.params.locator));
    if (!found) {
      ctx.sendError(res, 400, [RestErrors.invalidQueryLocator()]);
      return;
    }
    const { cursor, offset } = found;
    page(res, versionOf(req), cursor.id, cursor.records, cursor.totalSize, offset, cursor.batchSize);
  };

  router.get('/query', run(false));
  router.get('/queryAll', run(true));
  router.get('/query/:locator', more);
  router.get('/queryAll/:locator', more);
  return router;
}

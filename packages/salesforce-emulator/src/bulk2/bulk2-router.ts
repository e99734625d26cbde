/**
 * Bulk API 2.0 (`/services/data/vXX.X/jobs`): query jobs under `/query`, ingest jobs under
 * `/ingest`. Errors use the job API's body `[{ "errorCode", "message" }]`.
 */
import { type NextFunction, type Request, type Response, Router } from 'express';
import type { EmulatorContext } from '../context.js';
import { SoqlError } from '../soql/index.js';
import { Bulk2Error } from './bulk2-error.js';
import { ingestRoutes } from './ingest-routes.js';
import { JobRegistry } from './job-registry.js';
import { DEFAULT_QUERY_PAGE_SIZE } from './query-job.js';
import { queryRoutes } from './query-routes.js';

export interface Bulk2Options {
  /**
   * Rows per query results page when the client sends no `maxRecords` (default 250,000, about
   * what Salesforce returns). Lower it to make clients meet multi-page results with small orgs.
   */
  queryPageSize?: number;
  /** Where the jobs live; pass one to clear them on an emulator reset (default: a private registry). */
  jobs?: JobRegistry;
}

export function bulk2Router(ctx: EmulatorContext, options: Bulk2Options = {}): Router {
  const jobs = options.jobs ?? new JobRegistry();
  const router = Router({ mergeParams: true });
  router.use('/query', queryRoutes(ctx, jobs, options.queryPageSize ?? DEFAULT_QUERY_PAGE_SIZE));
  router.use('/ingest', ingestRoutes(ctx, jobs));
  router.use((_req: Request, res: Response) => sendBulk2Error(res, Bulk2Error.notFound()));
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const known = asBulk2Error(error);
    if (known) sendBulk2Error(res, known);
    else next(error);
  });
  return router;
}

export function sendBulk2Error(res: Response, error: Bulk2Error): void {
  res.status(error.status).json([{ errorCode: error.errorCode, message: error.message }]);
}

/** Errors the job API answers itself: its own, SOQL's, and body-parser's (bad JSON, too large). */
function asBulk2Error(error: unknown): Bulk2Error | undefined {
  if (error instanceof Bulk2Error) return error;
  if (error instanceof SoqlError) return new Bulk2Error(400, error.errorCode, error.message);
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed') return new Bulk2Error(400, 'JSON_PARSER_ERROR', (error as Error).message);
  if (type === 'entity.too.large') {
    return new Bulk2Error(413, 'CLIENTINPUTERROR', 'The uploaded data exceeds the 150 MB limit of one job');
  }
  return undefined;
}

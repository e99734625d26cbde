/**
 * `/jobs/query`: create (POST), list (GET), status (GET /:id), results pages (GET /:id/results),
 * abort (PATCH /:id) and delete (DELETE /:id).
 */
import express, { type Request, type Response, Router } from 'express';
import type { EmulatorContext } from '../context.js';
import { executeSoql, parseSoql, type SoqlQuery } from '../soql/index.js';
import { Bulk2Error } from './bulk2-error.js';
import { isColumnDelimiter, isLineEnding } from './csv.js';
import { apiVersionNumber, JobState } from './job-info.js';
import type { JobRegistry } from './job-registry.js';
import { InvalidLocatorError, QueryJob } from './query-job.js';

/** Bulk API 2.0 query arrived in API version 47.0. */
const FIRST_QUERY_VERSION = 47;

export function queryRoutes(ctx: EmulatorContext, jobs: JobRegistry, defaultPageSize: number): Router {
  const router = Router({ mergeParams: true });
  router.use(express.json({ limit: '1mb' }));
  router.use((req, _res, next) => {
    if (!(apiVersionNumber(String(req.params.version)) >= FIRST_QUERY_VERSION)) throw Bulk2Error.notFound();
    next();
  });

  router.post('/', (req, res) => {
    const job = createQueryJob(ctx, jobs, req);
    res.status(200).json(job.summary());
  });

  router.get('/', (_req, res) => {
    res.json({ done: true, records: jobs.list(QueryJob).map((job) => job.summary()), nextRecordsUrl: null });
  });

  router.get('/:id', (req, res) => {
    res.json(findJob(jobs, req).status());
  });

  router.get('/:id/results', (req, res) => sendResults(req, res, findJob(jobs, req), defaultPageSize));

  router.patch('/:id', (req, res) => {
    const job = findJob(jobs, req);
    const state = (req.body as { state?: unknown } | undefined)?.state;
    if (state !== JobState.aborted) {
      throw Bulk2Error.invalidState(
        `Invalid state for a query job: ${String(state)}. The only allowed value is Aborted`,
      );
    }
    if (job.state !== JobState.uploadComplete && job.state !== JobState.inProgress) {
      throw Bulk2Error.invalidState(`Cannot abort a job in state ${job.state}`);
    }
    job.transition(JobState.aborted, ctx.now());
    res.json(job.summary());
  });

  router.delete('/:id', (req, res) => {
    const job = findJob(jobs, req);
    if (job.state === JobState.inProgress) throw Bulk2Error.invalidState('Cannot delete a job that is InProgress');
    jobs.remove(job);
    res.status(204).end();
  });
  return router;
}

function createQueryJob(ctx: EmulatorContext, jobs: JobRegistry, req: Request): QueryJob {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const { operation, query, columnDelimiter = 'COMMA', lineEnding = 'LF', contentType = 'CSV' } = body;
  if (operation !== 'query' && operation !== 'queryAll') {
    throw Bulk2Error.invalidJob(`Invalid operation: ${String(operation)}. Use query or queryAll`);
  }
  if (typeof query !== 'string' || query.trim() === '') throw Bulk2Error.invalidJob('The query is required');
  if (contentType !== 'CSV') throw Bulk2Error.invalidJob(`Unsupported content type: ${String(contentType)}`);
  if (!isColumnDelimiter(columnDelimiter))
    throw Bulk2Error.invalidJob(`Invalid columnDelimiter: ${String(columnDelimiter)}`);
  if (!isLineEnding(lineEnding)) throw Bulk2Error.invalidJob(`Invalid lineEnding: ${String(lineEnding)}`);
  const parsed = parseSoql(query);
  refuseUnsupported(parsed);
  if (!ctx.limits.consume('DailyBulkV2QueryJobs')) {
    throw new Bulk2Error(400, 'EXCEEDEDQUOTA', 'The daily limit of Bulk API 2.0 query jobs is exhausted');
  }
  const versionParam = String(req.params.version ?? '');
  const result = executeSoql(parsed, ctx.store, {
    includeDeleted: operation === 'queryAll',
    apiVersion: versionParam.replace(/^v/, ''),
  });
  const job = new QueryJob(
    {
      id: jobs.nextId(),
      operation,
      object: result.objectName,
      createdById: ctx.currentUserId(),
      createdDate: ctx.now(),
      apiVersion: apiVersionNumber(versionParam),
      columnDelimiter,
      lineEnding,
    },
    result,
    ctx.schema,
  );
  jobs.add(job);
  // The result is already taken; the states still advance asynchronously, as a client polling sees them.
  setImmediate(() => {
    if (job.state !== JobState.uploadComplete) return;
    job.transition(JobState.inProgress, ctx.now());
    setImmediate(() => {
      if (job.state === JobState.inProgress) job.transition(JobState.jobComplete, ctx.now());
    });
  });
  return job;
}

/** What Bulk API 2.0 refuses although SOQL allows it: child subqueries, COUNT(), OFFSET. */
function refuseUnsupported(query: SoqlQuery): void {
  if (query.select.some((item) => item.kind === 'subquery')) {
    throw new Bulk2Error(
      400,
      'API_ERROR',
      'Aggregate Relationships not supported in Bulk V2 Query with CSV content type',
    );
  }
  if (query.select.some((item) => item.kind === 'count')) {
    throw new Bulk2Error(400, 'API_ERROR', 'Aggregate queries are not supported by Bulk API 2.0');
  }
  if (query.offset !== undefined) {
    throw new Bulk2Error(400, 'API_ERROR', 'The OFFSET clause is not supported by Bulk API 2.0');
  }
}

function sendResults(req: Request, res: Response, job: QueryJob, defaultPageSize: number): void {
  if (job.state !== JobState.jobComplete) {
    throw Bulk2Error.invalidState(`Results are not available: the job is ${job.state}`);
  }
  const maxRecords = parseMaxRecords(req.query.maxRecords, defaultPageSize);
  const locator = typeof req.query.locator === 'string' && req.query.locator !== '' ? req.query.locator : undefined;
  let page: ReturnType<QueryJob['page']>;
  try {
    page = job.page(locator, maxRecords);
  } catch (error) {
    if (error instanceof InvalidLocatorError)
      throw new Bulk2Error(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    throw error;
  }
  res.status(200);
  res.set('Content-Type', 'text/csv; charset=UTF-8');
  res.set('Sforce-Locator', page.nextLocator);
  res.set('Sforce-NumberOfRecords', String(page.numberOfRecords));
  for (const chunk of page.chunks) res.write(chunk);
  res.end();
}

function parseMaxRecords(value: unknown, defaultPageSize: number): number {
  if (value === undefined || value === '') return defaultPageSize;
  if (typeof value !== 'string' || !/^\d+$/.test(value) || Number(value) < 1) {
    throw new Bulk2Error(400, 'API_ERROR', `Invalid maxRecords: ${String(value)}. It must be a positive integer`);
  }
  return Number(value);
}

function findJob(jobs: JobRegistry, req: Request): QueryJob {
  const job = jobs.query(String(req.params.id));
  if (!job) throw Bulk2Error.notFound();
  return job;
}

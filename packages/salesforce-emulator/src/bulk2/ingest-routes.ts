/**
 * `/jobs/ingest`: create (POST), list (GET), status (GET /:id), upload (PUT /:id/batches), close or
 * abort (PATCH /:id), result files (GET /:id/successfulResults | failedResults | unprocessedrecords)
 * and delete (DELETE /:id).
 */
import express, { type Request, Router } from 'express';
import type { EmulatorContext } from '../context.js';
import { Bulk2Error } from './bulk2-error.js';
import { isColumnDelimiter, isLineEnding } from './csv.js';
import { IngestOperation, isIngestOperation } from './ingest-columns.js';
import { IngestJob } from './ingest-job.js';
import { startIngest } from './ingest-processor.js';
import { apiVersionNumber, JobState } from './job-info.js';
import type { JobRegistry } from './job-registry.js';

/** Bulk API 2.0 ingest arrived in API version 41.0. */
const FIRST_INGEST_VERSION = 41;
/** Salesforce's limit on the data uploaded to one job. */
const MAX_UPLOAD = '150mb';

export function ingestRoutes(ctx: EmulatorContext, jobs: JobRegistry): Router {
  const router = Router({ mergeParams: true });
  router.use((req, _res, next) => {
    if (!(apiVersionNumber(String(req.params.version)) >= FIRST_INGEST_VERSION)) throw Bulk2Error.notFound();
    next();
  });
  const json = express.json({ limit: '1mb' });

  router.post('/', json, (req, res) => {
    const job = createIngestJob(ctx, jobs, req);
    res.status(200).json(job.summary());
  });

  router.get('/', (_req, res) => {
    res.json({ done: true, records: jobs.list(IngestJob).map((job) => job.summary()), nextRecordsUrl: null });
  });

  router.get('/:id', (req, res) => {
    res.json(findJob(jobs, req).status());
  });

  router.put('/:id/batches', express.text({ type: () => true, limit: MAX_UPLOAD }), (req, res) => {
    const job = findJob(jobs, req);
    const contentType = String(req.headers['content-type'] ?? '');
    if (!/^text\/csv\b/i.test(contentType)) {
      throw new Bulk2Error(400, 'INVALIDCONTENTTYPE', `Unsupported content type: ${contentType}. Use text/csv`);
    }
    if (job.state !== JobState.open) throw Bulk2Error.invalidState(`Job is not in Open state: ${job.state}`);
    if (job.data !== undefined) {
      throw Bulk2Error.invalidState(
        `Found multiple contents for job: <${job.id}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`,
      );
    }
    job.data = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : typeof req.body === 'string' ? req.body : '';
    res.status(201).end();
  });

  router.patch('/:id', json, (req, res) => {
    const job = findJob(jobs, req);
    const state = (req.body as { state?: unknown } | undefined)?.state;
    if (state === JobState.uploadComplete) {
      if (job.state !== JobState.open) throw Bulk2Error.invalidState(`Cannot close a job in state ${job.state}`);
      job.transition(JobState.uploadComplete, ctx.now());
      startIngest(ctx, job);
    } else if (state === JobState.aborted) {
      const abortable: string[] = [JobState.open, JobState.uploadComplete, JobState.inProgress];
      if (!abortable.includes(job.state)) throw Bulk2Error.invalidState(`Cannot abort a job in state ${job.state}`);
      job.transition(JobState.aborted, ctx.now());
    } else {
      throw Bulk2Error.invalidState(`Invalid state: ${String(state)}. Use UploadComplete or Aborted`);
    }
    res.json(job.summary());
  });

  const resultFile = (path: string, render: (job: IngestJob) => string) =>
    router.get(`/:id/${path}`, (req, res) => {
      res
        .status(200)
        .type('text/csv')
        .send(render(findJob(jobs, req)));
    });
  resultFile('successfulResults', (job) => job.successfulResults());
  resultFile('failedResults', (job) => job.failedResults());
  resultFile('unprocessedrecords', (job) => job.unprocessedRecords());

  router.delete('/:id', (req, res) => {
    const job = findJob(jobs, req);
    if (job.state === JobState.open || job.state === JobState.inProgress) {
      throw Bulk2Error.invalidState(`Cannot delete a job in state ${job.state}`);
    }
    jobs.remove(job);
    res.status(204).end();
  });
  return router;
}

function createIngestJob(ctx: EmulatorContext, jobs: JobRegistry, req: Request): IngestJob {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const { object, operation, externalIdFieldName, columnDelimiter = 'COMMA', lineEnding = 'LF' } = body;
  const { contentType = 'CSV' } = body;
  if (typeof object !== 'string' || object === '') throw Bulk2Error.invalidJob('The object is required');
  const schema = ctx.schema.get(object);
  if (!schema) throw Bulk2Error.invalidJob(`Unable to find object: ${object}`);
  if (!isIngestOperation(operation)) throw Bulk2Error.invalidJob(`Invalid operation: ${String(operation)}`);
  if (contentType !== 'CSV') throw Bulk2Error.invalidJob(`Unsupported content type: ${String(contentType)}`);
  if (!isColumnDelimiter(columnDelimiter))
    throw Bulk2Error.invalidJob(`Invalid columnDelimiter: ${String(columnDelimiter)}`);
  if (!isLineEnding(lineEnding)) throw Bulk2Error.invalidJob(`Invalid lineEnding: ${String(lineEnding)}`);
  let keyName: string | undefined;
  if (operation === IngestOperation.upsert) {
    if (typeof externalIdFieldName !== 'string' || externalIdFieldName === '') {
      throw Bulk2Error.invalidJob(
        `External ID was blank for ${schema.name}. An External ID must be specified for upsert.`,
      );
    }
    const field = ctx.schema.field(schema.name, externalIdFieldName);
    if (!field || (field.name !== 'Id' && !field.externalId)) {
      throw Bulk2Error.invalidJob(
        `Field name provided, ${externalIdFieldName} does not match an External ID, Salesforce Id, or indexed field for ${schema.name}`,
      );
    }
    keyName = field.name;
  }
  const versionParam = String(req.params.version ?? '');
  const id = jobs.nextId();
  const job = new IngestJob(
    {
      id,
      operation,
      object: schema.name,
      createdById: ctx.currentUserId(),
      createdDate: ctx.now(),
      apiVersion: apiVersionNumber(versionParam),
      columnDelimiter,
      lineEnding,
    },
    keyName,
    `services/data/${versionParam}/jobs/ingest/${id}/batches`,
  );
  jobs.add(job);
  return job;
}

function findJob(jobs: JobRegistry, req: Request): IngestJob {
  const job = jobs.ingest(String(req.params.id));
  if (!job) throw Bulk2Error.notFound();
  return job;
}

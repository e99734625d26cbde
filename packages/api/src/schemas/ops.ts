/** Schemas of the ops routes: sync status, resync requests, record-level errors and retries, disputes. */
import { z } from 'zod';
import { isoTimestamp, problemSchema } from './common.js';
import { named } from './registry.js';

const queueCounts = z.object({
  waiting: z.number().int(),
  active: z.number().int(),
  delayed: z.number().int(),
  prioritized: z.number().int(),
  failed: z.number().int(),
  completed: z.number().int(),
});

export const syncRunSchema = named(
  'SyncRun',
  z.object({
    id: z.string(),
    kind: z.enum(['incremental', 'full']),
    status: z.enum(['running', 'succeeded', 'failed', 'paused']),
    startedAt: isoTimestamp,
    endedAt: isoTimestamp.optional(),
    total: z.number().int().optional(),
    counts: z.object({
      read: z.number().int(),
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      deleted: z.number().int(),
      errors: z.number().int(),
    }),
    message: z.string().optional(),
  }),
);

export const syncStatusSchema = named(
  'SyncStatus',
  z.object({
    runs: z.array(syncRunSchema),
    freshness: z.object({
      lastSucceededAt: isoTimestamp.nullable(),
      secondsSinceLastSuccess: z.number().int().nullable(),
      cursors: z.record(z.string(), isoTimestamp),
    }),
    apiBudget: z.object({
      used: z.number().int().nullable(),
      limit: z.number().int().nullable(),
      observedAt: isoTimestamp.nullable(),
      budgetFraction: z.number(),
      paused: z.object({ reason: z.string(), until: isoTimestamp }).nullable(),
    }),
    queues: z.object({ sync: queueCounts, compute: queueCounts, writeback: queueCounts }),
    pending: z.object({
      dirtyStatements: z.number().int(),
      pendingWriteback: z.number().int(),
      recordErrors: z.number().int(),
      writeErrors: z.number().int(),
    }),
  }),
);

export const syncRequestSchema = z.strictObject({ kind: z.enum(['incremental', 'full']) });

export const syncQueuedSchema = named(
  'SyncQueued',
  z.object({
    jobId: z.string().nullable(),
    kind: z.enum(['incremental', 'full']),
    requestedBy: z.string(),
    runId: z
      .string()
      .nullable()
      .meta({
        description:
          'the run that will serve this request (follow it with GET /api/ops/sync/runs/{runId}); null when a run ' +
          'that started before the request is still going: the run after it serves the request, and its id is not known yet',
      }),
    runningRunId: z
      .string()
      .nullable()
      .meta({ description: 'that run in progress, when `runId` is null; otherwise null' }),
  }),
);

export const syncRunParamsSchema = z.object({
  runId: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9:_-]+$/, { error: 'not a run id' }),
});

export const syncRunViewSchema = named(
  'SyncRunView',
  z.object({
    runId: z.string(),
    state: z.enum(['queued', 'running', 'succeeded', 'failed', 'paused']).meta({
      description: '`queued`: requested, not started yet (then `run` is null)',
    }),
    run: syncRunSchema.nullable(),
  }),
);

/** A record that could not become a deal: the problem (its path the field in the record) and which record. */
export const recordErrorSchema = named(
  'RecordError',
  problemSchema.extend({
    recordId: z.string().nullable(),
    object: z.string().meta({ description: 'the Salesforce object (`Opportunity`, `User`, `ForecastingQuota`)' }),
  }),
);

export const errorsSchema = named(
  'RecordErrors',
  z.object({
    recordErrors: z.array(recordErrorSchema.extend({ runId: z.string(), at: isoTimestamp })),
    writeErrors: z.array(
      z.object({
        ledgerKey: z.string(),
        object: z.string(),
        externalKey: z.string(),
        hash: z.string(),
        code: z.string(),
        message: z.string(),
        at: isoTimestamp,
      }),
    ),
  }),
);

const ids = z.array(z.string().min(1).max(600)).max(200, { error: 'at most 200 at a time' });

export const retryRequestSchema = z
  .strictObject({ recordIds: ids.default([]), writeErrorKeys: ids.default([]) })
  .refine((value) => value.recordIds.length + value.writeErrorKeys.length > 0, {
    error: 'name at least one record id or write error key',
    path: ['recordIds'],
  });

export const retryOutcomeSchema = named(
  'RetryOutcome',
  z.object({
    fixed: z.array(z.string()),
    failing: z.array(recordErrorSchema),
    queuedForWriteback: z.array(z.string()),
    queuedForSync: z.array(z.string()),
    unknown: z.array(z.string()),
  }),
);

export const disputeQuerySchema = z.strictObject({ status: z.enum(['open', 'all']).default('open') });

export const disputeParamsSchema = z.object({
  disputeId: z.string().regex(/^dsp_[0-9a-f]{24}$/, { error: 'not a dispute id' }),
});

export const resolveRequestSchema = z.strictObject({
  outcome: z.enum(['accepted', 'rejected']),
  note: z
    .string()
    .trim()
    .min(3, { error: 'say what was decided (at least 3 characters)' })
    .max(2000, { error: 'at most 2000 characters' }),
});

export const boardTicketSchema = named(
  'BoardTicket',
  z.object({
    url: z.string().meta({ description: 'open this path of the API in a new tab within `expiresInSec`' }),
    expiresInSec: z.number().int(),
  }),
);

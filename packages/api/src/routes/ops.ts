/**
 * Ops (Attain_Ops or Attain_Admin): sync status, resync requests, record-level errors and their
 * retry, disputes to resolve, and the queue dashboard.
 */

import { syncStatus } from '@attain/store';
import { ApiError } from '../errors.js';
import { BOARD_PATH, issueBoardTicket } from '../http/board.js';
import { route } from '../http/route.js';
import {
  boardTicketSchema,
  disputeParamsSchema,
  disputeQuerySchema,
  errorsSchema,
  resolveRequestSchema,
  retryOutcomeSchema,
  retryRequestSchema,
  syncQueuedSchema,
  syncRequestSchema,
  syncRunParamsSchema,
  syncRunViewSchema,
  syncStatusSchema,
} from '../schemas/ops.js';
import { disputeListSchema, disputeSchema } from '../schemas/rep.js';
import { resolveDispute } from '../services/disputes.js';
import { retryErrors } from '../services/retry-errors.js';
import { requestSync, syncRunView } from '../services/sync-runs.js';

export const opsRoutes = [
  route({
    method: 'get',
    path: '/api/ops/sync',
    operationId: 'getSyncStatus',
    summary: 'Sync status: last runs, freshness, API budget, queue counts, pending work',
    description: 'Read from Redis only: looking at the status spends no Salesforce call.',
    tag: 'ops',
    access: 'ops',
    responses: { 200: { description: 'the status', schema: syncStatusSchema } },
    async handle({ api }) {
      return { body: await syncStatus(api.store, api.queues, api.options.apiBudgetFraction, api.clock()) };
    },
  }),

  route({
    method: 'post',
    path: '/api/ops/sync',
    operationId: 'requestSync',
    summary: 'Queue an incremental or full resync',
    description:
      'A request made while a sync runs is served by the run after it (never two runs at once). `runId` names ' +
      'the run that serves the request when it is known: follow it with `GET /api/ops/sync/runs/{runId}`.',
    tag: 'ops',
    access: 'ops',
    body: syncRequestSchema,
    responses: { 202: { description: 'queued', schema: syncQueuedSchema } },
    async handle({ principal, body, api }) {
      const requestedBy = `api:${principal.userId}`;
      const requested = await requestSync(api, body.kind, requestedBy, api.clock());
      await api.audit.record({
        at: api.clock().toISOString(),
        actor: { userId: principal.userId, name: principal.name },
        action: 'sync.request',
        target: `sync:${body.kind}`,
        before: null,
        after: { kind: body.kind, jobId: requested.jobId, runId: requested.runId },
      });
      return { status: 202, body: { ...requested, kind: body.kind, requestedBy } };
    },
  }),

  route({
    method: 'get',
    path: '/api/ops/sync/runs/:runId',
    operationId: 'getSyncRun',
    summary: 'One sync run: queued, or its progress and outcome',
    description: 'The `runId` of a sync request. Read from Redis only.',
    tag: 'ops',
    access: 'ops',
    params: syncRunParamsSchema,
    errors: [404],
    responses: { 200: { description: 'the run', schema: syncRunViewSchema } },
    async handle({ params, api }) {
      const view = await syncRunView(api, params.runId);
      if (!view) throw ApiError.notFound('no such sync run (runs are kept for the last 200 syncs)');
      return { body: view };
    },
  }),

  route({
    method: 'get',
    path: '/api/ops/errors',
    operationId: 'listRecordErrors',
    summary: 'Record-level errors: records the sync could not use, and records Salesforce refused at write-back',
    tag: 'ops',
    access: 'ops',
    responses: { 200: { description: 'what is wrong now', schema: errorsSchema } },
    async handle({ api }) {
      const [recordErrors, writeErrors] = await Promise.all([api.store.errors.list(), api.store.writeErrors.list()]);
      return { body: { recordErrors, writeErrors } };
    },
  }),

  route({
    method: 'post',
    path: '/api/ops/errors/retry',
    operationId: 'retryRecordErrors',
    summary: 'Retry record-level errors',
    description:
      'The worker runs the retry and the answer is its outcome: records of the mapped object are read again by ' +
      'id now and ingested as a sync ingests them; User and ForecastingQuota rows by a queued incremental sync; ' +
      'records refused at write-back are sent again by the next write-back pass. 504 when the worker did not ' +
      'finish within 20 s (the retry stays queued).',
    tag: 'ops',
    access: 'ops',
    body: retryRequestSchema,
    errors: [502, 504],
    responses: { 200: { description: 'what happened to each', schema: retryOutcomeSchema } },
    async handle({ principal, body, api }) {
      const outcome = await retryErrors(api, principal.userId, body);
      await api.audit.record({
        at: api.clock().toISOString(),
        actor: { userId: principal.userId, name: principal.name },
        action: 'errors.retry',
        target: 'record-errors',
        before: body,
        after: outcome,
      });
      return { body: outcome };
    },
  }),

  route({
    method: 'get',
    path: '/api/ops/disputes',
    operationId: 'listDisputes',
    summary: 'Disputes to resolve (or all of them)',
    tag: 'ops',
    access: 'ops',
    query: disputeQuerySchema,
    responses: { 200: { description: 'newest first', schema: disputeListSchema } },
    async handle({ query, api }) {
      return { body: { disputes: await api.disputes.list(query.status === 'open') } };
    },
  }),

  route({
    method: 'post',
    path: '/api/ops/disputes/:disputeId/resolve',
    operationId: 'resolveDispute',
    summary: 'Accept or reject an open dispute, with a note the rep sees',
    tag: 'ops',
    access: 'ops',
    params: disputeParamsSchema,
    body: resolveRequestSchema,
    errors: [404, 409],
    responses: { 200: { description: 'the dispute, resolved', schema: disputeSchema } },
    async handle({ principal, params, body, api }) {
      const actor = { userId: principal.userId, name: principal.name };
      return { body: await resolveDispute(api, actor, params.disputeId, body.outcome, body.note) };
    },
  }),

  route({
    method: 'post',
    path: `${BOARD_PATH}/ticket`,
    operationId: 'openQueueDashboard',
    summary: 'A one-time link (60 s) that opens the BullMQ dashboard in a browser tab',
    tag: 'ops',
    access: 'ops',
    responses: { 201: { description: 'the link, relative to the API', schema: boardTicketSchema } },
    async handle({ principal, api }) {
      return { status: 201, body: await issueBoardTicket(api, principal.userId) };
    },
  }),

  route({
    method: 'get',
    path: `${BOARD_PATH}/`,
    operationId: 'queueDashboard',
    summary: 'The BullMQ dashboard (@bull-board), ops and admins only',
    description:
      'With `?ticket=` from the ticket route: sets the dashboard session cookie and redirects here. Also accepts ' +
      'the Bearer token. The dashboard’s own assets and JSON API live below this path.',
    tag: 'ops',
    access: 'ops',
    mountedElsewhere: true,
    responses: {
      200: { description: 'the dashboard page', contentType: 'text/html' },
      303: { description: 'ticket accepted: session cookie set, redirect to the dashboard' },
    },
    async handle() {
      return 'handled';
    },
  }),
];

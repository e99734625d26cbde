/**
 * Public routes: health, metrics (optionally behind METRICS_TOKEN), this API's OpenAPI document,
 * and the Canvas entry point, which trades a verified signed request for an Attain token.
 */
import { timingSafeEqual } from 'node:crypto';
import { renderMetrics, type WorkerMetrics } from '@attain/store';
import { verifyCanvasRequest } from '../auth/canvas.js';
import { canvasSessions } from '../auth/canvas-session.js';
import { mintToken } from '../auth/token.js';
import { ApiError, ErrorCode } from '../errors.js';
import { route } from '../http/route.js';
import { canvasBodySchema, canvasSessionSchema, healthSchema } from '../schemas/system.js';

const CANVAS_TOKEN_LIFETIME_SEC = 300;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function systemRoutes(metrics: WorkerMetrics, openapi: () => unknown) {
  const confirmCanvas = canvasSessions();
  return [
    route({
      method: 'get',
      path: '/healthz',
      operationId: 'health',
      summary: 'Liveness and Redis reachability',
      tag: 'system',
      access: 'public',
      responses: {
        200: { description: 'serving', schema: healthSchema },
        503: { description: 'Redis does not answer', schema: healthSchema },
      },
      async handle({ api }) {
        const ok = await Promise.race([
          api.access.ping(),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000).unref()),
        ]);
        return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'unavailable' } };
      },
    }),

    route({
      method: 'get',
      path: '/metrics',
      operationId: 'metrics',
      summary: 'Prometheus metrics (HTTP requests, queues, pending work, process)',
      description: 'When METRICS_TOKEN is set, send it as `Authorization: Bearer <METRICS_TOKEN>`.',
      tag: 'system',
      access: 'public',
      errors: [401],
      responses: { 200: { description: 'text exposition format', contentType: 'text/plain' } },
      async handle({ api, req, res }) {
        const wanted = api.options.metricsToken;
        if (wanted !== null) {
          const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
          if (!sameSecret(given, wanted)) throw ApiError.unauthenticated('the metrics token is missing or wrong');
        }
        const { contentType, body } = await renderMetrics(metrics);
        res.status(200).type(contentType).send(body);
        return 'handled';
      },
    }),

    route({
      method: 'get',
      path: '/api/openapi.json',
      operationId: 'openapi',
      summary: 'This document: OpenAPI 3.1, generated from the same zod schemas that check requests',
      tag: 'system',
      access: 'public',
      responses: { 200: { description: 'the OpenAPI document' } },
      async handle() {
        return { body: openapi() };
      },
    }),

    route({
      method: 'post',
      path: '/canvas',
      operationId: 'canvasSession',
      summary: 'Salesforce Canvas: verify the signed request (HMAC-SHA256, consumer secret) and open a session',
      description:
        'The session is an Attain token for the Canvas user (5 minutes), used as the Bearer token like the one the ' +
        'Apex mints. 404 when CANVAS_CONSUMER_SECRET is not configured. The envelope must carry the user’s OAuth ' +
        'token (`client.oauthToken`), which is confirmed with Salesforce’s UserInfo endpoint (cached 5 minutes); an ' +
        'envelope whose `issuedAt` is over 15 minutes old, or whose session Salesforce no longer accepts, is 401; 503 ' +
        'when Salesforce does not answer. Throttled per client address.',
      tag: 'system',
      access: 'public',
      form: true,
      bodyLimit: '64kb',
      throttle: 'address',
      body: canvasBodySchema,
      errors: [401, 404, 503],
      responses: { 200: { description: 'the session', schema: canvasSessionSchema } },
      async handle({ body, api }) {
        const secret = api.options.canvasConsumerSecret;
        if (secret === null) throw new ApiError(404, ErrorCode.notFound, 'Canvas is not configured on this API');
        const identity = verifyCanvasRequest(body.signed_request, secret, api.options.orgId);
        await confirmCanvas(identity, { loginUrl: api.options.salesforceLoginUrl, now: () => api.clock().getTime() });
        if (api.sessionKey === null)
          throw new ApiError(404, ErrorCode.notFound, 'Canvas is not configured on this API');
        const { token, expiresAt } = await mintToken({
          key: api.sessionKey,
          userId: identity.userId,
          orgId: identity.orgId,
          lifetimeSec: CANVAS_TOKEN_LIFETIME_SEC,
          nowSec: Math.floor(api.clock().getTime() / 1000),
        });
        return { body: { token, expiresAt, userId: identity.userId } };
      },
    }),
  ];
}

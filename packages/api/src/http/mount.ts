/**
 * Mounts route declarations on express: for each request, in this order — authenticate (token,
 * rate limit, roles) unless public, the route's role gate, path and query through their schemas,
 * then the body (read only now, with the route's size limit) through its schema, then the handler.
 * Express 5 passes a rejected promise to the error handler, so every refusal ends in one place.
 */
import type { Express, Request, Response } from 'express';
import { requireAdmin, requireOps } from '../auth/principal.js';
import { ApiError, type ApiIssue, ErrorCode } from '../errors.js';
import type { ApiServices } from '../services/api-services.js';
import { authenticate } from './authenticate.js';
import { DEFAULT_BODY_LIMIT, readBody } from './body.js';
import { tooDeep } from './depth.js';
import { addressKey, type RateLimiter } from './rate-limit.js';
import type { RouteSpec } from './route.js';
import { parsePart } from './validate.js';

function checkResponse(route: RouteSpec, status: number, body: unknown): void {
  const schema = route.responses[status]?.schema;
  if (!route.responses[status]) throw new Error(`${route.operationId} answered ${status}, which it does not document`);
  if (!schema) return;
  const checked = schema.safeParse(body);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(
      `${route.operationId} ${status} does not match its schema at ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
}

export function mountRoutes(app: Express, routes: RouteSpec[], api: ApiServices, limiter: RateLimiter): void {
  for (const route of routes) {
    if (route.mountedElsewhere) continue;
    app[route.method](route.path, async (req: Request, res: Response) => {
      let principal = null;
      if (route.throttle === 'address') await limiter(addressKey(req));
      if (route.access !== 'public') {
        principal = await authenticate(api, limiter, req, res);
        if (route.access === 'ops') requireOps(principal);
        if (route.access === 'admin') requireAdmin(principal);
      }
      const issues: ApiIssue[] = [];
      const params = parsePart(route.params, req.params, 'path', issues);
      const query = parsePart(route.query, req.query, 'query', issues);
      let body: unknown;
      if (route.body) {
        const raw = await readBody(req, res, route.form ? 'form' : 'json', route.bodyLimit ?? DEFAULT_BODY_LIMIT);
        const deep = tooDeep(raw);
        if (deep) throw ApiError.invalid([deep]);
        body = parsePart(route.body, raw, 'body', issues);
      } else if (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') {
        throw new ApiError(415, ErrorCode.unsupportedMediaType, 'this route takes no request body');
      }
      if (issues.length > 0) throw ApiError.invalid(issues);
      const result = await route.handle({ params, query, body, principal, api, req, res } as never);
      if (result === 'handled') return;
      const status = result.status ?? 200;
      if (api.options.validateResponses) checkResponse(route, status, result.body);
      for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
      res.status(status).json(result.body);
    });
  }
}

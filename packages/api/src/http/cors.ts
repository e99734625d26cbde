/**
 * CORS for the org's origins only. The widget runs inside Lightning and calls the API from the
 * org's origin with a Bearer token (no cookies, so no credentials mode). A preflight from any other
 * origin is refused with 403; so is an actual request carrying another origin (the browser would
 * hide its answer anyway — refusing it also keeps its side effects from happening). Requests
 * without `Origin` (server to server, curl) and same-origin requests (the queue dashboard) pass.
 */
import type { NextFunction, Request, Response } from 'express';
import { ApiError, ErrorCode } from '../errors.js';

export interface CorsOptions {
  origins: string[];
  /** Preflight cache, seconds. */
  maxAgeSec?: number;
}

const ALLOWED_HEADERS = 'Authorization, Content-Type';
const ALLOWED_METHODS = 'GET, POST, PUT, DELETE';
const EXPOSED_HEADERS = 'RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After';

function sameOrigin(req: Request, origin: string): boolean {
  return URL.canParse(origin) && new URL(origin).host === req.headers.host;
}

export function cors(options: CorsOptions) {
  const allowed = new Set(options.origins);
  const maxAge = String(options.maxAgeSec ?? 600);
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    res.vary('Origin');
    if (origin === undefined) {
      next();
      return;
    }
    if (allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
        res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        res.setHeader('Access-Control-Max-Age', maxAge);
        res.status(204).end();
        return;
      }
      next();
      return;
    }
    if (req.method !== 'OPTIONS' && sameOrigin(req, origin)) {
      next();
      return;
    }
    next(new ApiError(403, ErrorCode.originNotAllowed, `origin ${origin} may not call this API`));
  };
}

/**
 * What every Salesforce API request goes through before its route: the session check
 * (401 INVALID_SESSION_ID), the org's limits (403 REQUEST_LIMIT_EXCEEDED, `Sforce-Limit-Info` on
 * every answer), request statistics, and injected faults (latency, pause, 503, UNABLE_TO_LOCK_ROW).
 * The authenticated user is made current for the rest of the request (DML stamps it on writes).
 */
import type { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Faults } from '../faults.js';
import type { Limits } from '../limits.js';
import type { SessionStore } from '../oauth/sessions.js';
import { canonicalId } from '../store/record-id.js';
import { classify, RequestKind, type RequestStats } from './request-stats.js';
import { RestErrors, sendRestError } from './rest-errors.js';

export interface ApiGuardDeps {
  sessions: SessionStore;
  limits: Limits;
  faults: Faults;
  stats: RequestStats;
  requestUser: AsyncLocalStorage<string>;
  /** False once the session's user is gone (e.g. after a reseed): its sessions are then invalid. */
  userExists(id: string): boolean;
}

export function bearerToken(req: Request): string | undefined {
  const match = /^(?:Bearer|OAuth)\s+(\S+)/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function apiGuard(deps: ApiGuardDeps): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = bearerToken(req);
    const session = token ? deps.sessions.find(token) : undefined;
    if (!session || !deps.userExists(session.userId)) {
      deps.stats.countRejection('invalidSession');
      sendRestError(res, 401, [RestErrors.invalidSession()]);
      return;
    }
    const rejection = deps.limits.admit();
    res.setHeader('Sforce-Limit-Info', deps.limits.header());
    if (rejection) {
      deps.stats.countRejection('limitExceeded');
      sendRestError(res, 403, [rejection]);
      return;
    }
    const kind = classify(req.path);
    deps.stats.countApi(kind);
    const finished = deps.limits.track();
    res.once('close', finished);

    await deps.faults.delay();
    const isWrite =
      !READ_METHODS.has(req.method) &&
      !(kind === RequestKind.composite && req.method === 'POST' && /\/sobjects\/[^/]+$/.test(req.path));
    const perRecordLocks = kind === RequestKind.composite || kind === RequestKind.bulk;
    const fault = deps.faults.requestFault(isWrite, perRecordLocks);
    if (fault === '503') {
      deps.stats.countRejection('unavailable');
      sendRestError(res, 503, [RestErrors.unavailable()]);
      return;
    }
    if (fault === 'UNABLE_TO_LOCK_ROW') {
      deps.stats.countRejection('lockRow');
      const lastSegment = req.path.split('/').filter(Boolean).at(-1);
      const id = canonicalId(lastSegment);
      const ids = id ? [id] : [];
      const message =
        ids.length > 0
          ? `unable to obtain exclusive access to this record or 1 records: ${ids[0]}`
          : 'unable to obtain exclusive access to this record';
      sendRestError(res, 400, [{ message, errorCode: 'UNABLE_TO_LOCK_ROW', fields: [] }]);
      return;
    }
    deps.requestUser.run(session.userId, () => next());
  };
}

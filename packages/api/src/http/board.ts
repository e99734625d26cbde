/**
 * The BullMQ dashboard (@bull-board) under `/api/ops/queues`, for ops and admins only. A browser
 * tab cannot send the Bearer token, so ops get in with a one-time ticket: `POST
 * /api/ops/queues/ticket` (Bearer, ops) returns a URL valid for 60 s; opening it swaps the ticket
 * for a session cookie (HttpOnly, Secure, SameSite=Lax, scoped to the dashboard's path, 15 min)
 * and redirects to the dashboard without the ticket in the address. Every dashboard request —
 * cookie or Bearer — is checked against the directory again, so an ops user removed from the
 * permission set loses access at the next sync; cross-origin writes are refused by CORS.
 * Tickets and sessions are stored hashed (SHA-256): a Redis dump does not open the dashboard.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { requireOps } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import type { ApiServices } from '../services/api-services.js';
import { authenticate, principalFor } from './authenticate.js';
import type { RateLimiter } from './rate-limit.js';

export const BOARD_PATH = '/api/ops/queues';
export const BOARD_COOKIE = 'attain_board';
export const TICKET_TTL_SEC = 60;
export const SESSION_TTL_SEC = 15 * 60;

const digest = (secret: string) => createHash('sha256').update(secret).digest('base64url');

/** bull-board's own error handler may add a stack in development: answer with our error shape instead. */
class QuietExpressAdapter extends ExpressAdapter {
  override setErrorHandler(_handler: Parameters<ExpressAdapter['setErrorHandler']>[0]): this {
    return super.setErrorHandler((error) => ({
      status: ((error as { statusCode?: number }).statusCode ?? 500) as 500,
      body: { error: { code: 'QUEUE_DASHBOARD_ERROR', message: 'the queue dashboard could not do that' } },
    }));
  }
}

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export async function issueBoardTicket(
  api: ApiServices,
  userId: string,
): Promise<{ url: string; expiresInSec: number }> {
  const ticket = randomBytes(32).toString('base64url');
  await api.access.putBoardTicket(digest(ticket), userId, TICKET_TTL_SEC);
  return { url: `${BOARD_PATH}/?ticket=${ticket}`, expiresInSec: TICKET_TTL_SEC };
}

export function boardRouter(api: ApiServices, limiter: RateLimiter): Router {
  const adapter = new QuietExpressAdapter();
  adapter.setBasePath(BOARD_PATH);
  createBullBoard({
    queues: [api.queues.sync, api.queues.compute, api.queues.writeback].map((queue) => new BullMQAdapter(queue)),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'Attain queues' } },
  });
  const board = adapter.getRouter() as Router;

  const gate = async (req: Request, res: Response, next: NextFunction) => {
    const ticket = typeof req.query.ticket === 'string' ? req.query.ticket : undefined;
    if (ticket !== undefined) {
      const userId = await api.access.takeBoardTicket(digest(ticket));
      if (userId === null) throw ApiError.unauthenticated('this dashboard link has expired or was used; open it again');
      requireOps(await principalFor(api, limiter, res, userId));
      const session = randomBytes(32).toString('base64url');
      await api.access.putBoardSession(digest(session), userId, SESSION_TTL_SEC);
      res.setHeader(
        'Set-Cookie',
        `${BOARD_COOKIE}=${session}; Path=${BOARD_PATH}; Max-Age=${SESSION_TTL_SEC}; HttpOnly; Secure; SameSite=Lax`,
      );
      res.redirect(303, `${BOARD_PATH}/`);
      return;
    }
    if (req.headers.authorization !== undefined) {
      requireOps(await authenticate(api, limiter, req, res));
      return next();
    }
    const session = cookieValue(req, BOARD_COOKIE);
    const userId = session ? await api.access.boardSessionUser(digest(session)) : null;
    if (userId === null) throw ApiError.unauthenticated('open the queue dashboard from the Attain sync console');
    requireOps(await principalFor(api, limiter, res, userId));
    next();
  };

  // Express 5 hands a rejected promise of a middleware to the error handler.
  const router = express.Router();
  router.use(gate);
  router.use(board);
  return router;
}

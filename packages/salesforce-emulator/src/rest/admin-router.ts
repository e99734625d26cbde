/**
 * The emulator's own control surface under `/__emulator/` (not Salesforce's API): no session
 * needed, never counted as API calls, and refused (403) to anything but loopback clients.
 *
 *   GET  /__emulator              org id, URL, record counts
 *   GET  /__emulator/faults       PUT the same shape (partial) to change them
 *   POST /__emulator/sessions/expire
 *   GET  /__emulator/limits       PUT { dailyApiLimit?, used?, longRunningMs?, maxLongRunning? }
 *   POST /__emulator/reset        back to the org as first loaded; usage, faults, stats, cursors, Bulk jobs cleared
 *   POST /__emulator/reseed       { seed?, opportunities? }: a newly generated org
 *   GET  /__emulator/stats        request counts by kind; POST /__emulator/stats/reset
 */
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { type FaultSettings, FaultSettingsError, type Faults } from '../faults.js';
import type { LimitSettings, Limits } from '../limits.js';
import type { SessionStore } from '../oauth/sessions.js';
import type { RequestStats } from './request-stats.js';

export interface AdminDeps {
  faults: Faults;
  limits: Limits;
  sessions: SessionStore;
  stats: RequestStats;
  info(): Record<string, unknown>;
  reset(): void;
  reseed(seed?: number, opportunities?: number): void;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function loopbackOnly(req: Request, res: Response, next: NextFunction): void {
  const address = req.socket.remoteAddress ?? '';
  if (LOOPBACK.has(address) || address.startsWith('127.') || address.startsWith('::ffff:127.')) {
    next();
    return;
  }
  res.status(403).json({ error: 'FORBIDDEN', message: 'the emulator admin endpoints answer loopback clients only' });
}

function badRequest(res: Response, path: string, message: string): void {
  res.status(400).json({ error: 'INVALID_ADMIN_REQUEST', path, message });
}

const LIMIT_KEYS = ['dailyApiLimit', 'used', 'longRunningMs', 'maxLongRunning'] as const;
const FAULT_KEYS = ['latencyMs', 'failureRate', 'failureMode', 'paused', 'seed'] as const;

export function adminRouter(deps: AdminDeps): Router {
  const router = Router();
  router.use(loopbackOnly);
  router.use(express.json({ limit: '1mb' }));

  router.get('/', (_req, res) => {
    res.json(deps.info());
  });

  router.get('/faults', (_req, res) => {
    res.json(deps.faults.settings);
  });
  router.put('/faults', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(body).find((key) => !(FAULT_KEYS as readonly string[]).includes(key));
    if (unknown) return badRequest(res, unknown, `unknown fault setting ${unknown}`);
    try {
      res.json(deps.faults.update(body as Partial<FaultSettings>));
    } catch (error) {
      if (error instanceof FaultSettingsError) return badRequest(res, error.path, error.message);
      throw error;
    }
  });

  router.post('/sessions/expire', (_req, res) => {
    res.json({ expired: deps.sessions.expireAll() });
  });

  router.get('/limits', (_req, res) => {
    res.json(deps.limits.current());
  });
  router.put('/limits', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(body)) {
      if (!(LIMIT_KEYS as readonly string[]).includes(key)) return badRequest(res, key, `unknown limit ${key}`);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        return badRequest(res, key, `${key} must be a non-negative integer`);
      }
    }
    deps.limits.configure(body as Partial<LimitSettings> & { used?: number });
    res.json(deps.limits.current());
  });

  router.post('/reset', (_req, res) => {
    deps.reset();
    res.json(deps.info());
  });

  router.post('/reseed', (req, res) => {
    const { seed, opportunities } = (req.body ?? {}) as { seed?: unknown; opportunities?: unknown };
    if (seed !== undefined && !Number.isInteger(seed)) return badRequest(res, 'seed', 'seed must be an integer');
    if (opportunities !== undefined && (!Number.isInteger(opportunities) || (opportunities as number) < 0)) {
      return badRequest(res, 'opportunities', 'opportunities must be a non-negative integer');
    }
    deps.reseed(seed as number | undefined, opportunities as number | undefined);
    res.json(deps.info());
  });

  router.get('/stats', (_req, res) => {
    res.json({ ...deps.stats.get(), apiUsage: deps.limits.current().used, faults: deps.faults.injectedCounts });
  });
  router.post('/stats/reset', (_req, res) => {
    deps.stats.reset();
    res.json(deps.stats.get());
  });

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if ((error as { type?: string } | null)?.type === 'entity.parse.failed') {
      return badRequest(res, '', 'the body is not valid JSON');
    }
    next(error);
  });
  return router;
}

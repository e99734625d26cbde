/**
 * One log line and one histogram observation per request: method, route pattern (never the raw
 * path or query, which may carry ids or a dashboard ticket), status, duration, and the user id when
 * known. No headers, no bodies.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { Histogram, type Registry } from 'prom-client';

export const REQUEST_METRIC = 'attain_api_request_duration_seconds';

function histogram(registry: Registry): Histogram<'method' | 'route' | 'status'> {
  const existing = registry.getSingleMetric(REQUEST_METRIC);
  if (existing) return existing as Histogram<'method' | 'route' | 'status'>;
  return new Histogram({
    name: REQUEST_METRIC,
    help: 'HTTP API requests by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
}

/** The user a request was made for, once authenticated (set by the route wrapper). */
export function setRequestUser(res: Response, userId: string): void {
  res.locals.userId = userId;
}

export function observe(logger: Logger, registry: Registry) {
  const durations = histogram(registry);
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : req.baseUrl || 'unmatched';
      durations.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      logger.info(
        {
          method: req.method,
          route,
          status: res.statusCode,
          ms: Math.round(seconds * 10_000) / 10,
          user: res.locals.userId,
        },
        'request',
      );
    });
    next();
  };
}

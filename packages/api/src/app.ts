/**
 * `createApp(deps)`: the express application of the Attain API. Order of the layers:
 * observe (log + metrics) → helmet → CORS (org origins only) → the declared routes (each
 * authenticates, rate-limits, checks roles, validates, then handles) → the queue dashboard →
 * JSON 404 → the one error handler.
 */
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { ApiDeps } from './deps.js';
import { BOARD_PATH, boardRouter } from './http/board.js';
import { cors } from './http/cors.js';
import { errorHandler, notFound } from './http/error-handler.js';
import { mountRoutes } from './http/mount.js';
import { observe } from './http/observe.js';
import { rateLimit } from './http/rate-limit.js';
import type { RouteSpec } from './http/route.js';
import { buildOpenApi } from './openapi.js';
import { adminRoutes } from './routes/admin.js';
import { managerRoutes } from './routes/manager.js';
import { opsRoutes } from './routes/ops.js';
import { repRoutes } from './routes/rep.js';
import { systemRoutes } from './routes/system.js';
import { type ApiServices, apiServices } from './services/api-services.js';

export const API_VERSION = '1.0.0';

export interface AttainApi {
  app: Express;
  services: ApiServices;
  routes: RouteSpec[];
  /** The OpenAPI document (built once, on first use). */
  openapi(): unknown;
  /** Waits for transactions in flight and closes the transaction connection (the caller owns the rest). */
  close(): Promise<void>;
}

export function createApp(deps: ApiDeps): AttainApi {
  const services = apiServices(deps);
  let document: unknown;
  const openapi = () => {
    document ??= buildOpenApi(routes, { version: API_VERSION });
    return document;
  };
  const routes: RouteSpec[] = [
    ...systemRoutes(deps.metrics, openapi),
    ...repRoutes,
    ...managerRoutes,
    ...opsRoutes,
    ...adminRoutes,
  ];
  const limiter = rateLimit({
    access: services.access,
    perMinute: deps.options.rateLimitPerMinute,
    clock: services.clock,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.options.trustProxy);
  app.set('etag', false);
  app.use(observe(deps.logger, deps.metrics.registry));
  app.use(helmet());
  // Pay data must not sit in shared or browser caches.
  app.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(cors({ origins: deps.options.allowedOrigins }));
  mountRoutes(app, routes, services, limiter);
  app.use(BOARD_PATH, boardRouter(services, limiter));
  app.use(notFound);
  app.use(errorHandler(deps.logger));

  return { app, services, routes, openapi, close: () => services.transactions.close() };
}

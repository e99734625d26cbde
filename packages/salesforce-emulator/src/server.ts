/**
 * `createEmulator`: one emulated org behind an HTTP server on 127.0.0.1. Assembles the schema,
 * store, DML, OAuth, limits, faults and every route module; several emulators can run in one
 * process (each has its own everything).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { bulk2Router, JobRegistry } from './bulk2/index.js';
import type { EmulatorContext, RestError } from './context.js';
import { type FaultSettings, Faults } from './faults.js';
import { type LimitSettings, Limits } from './limits.js';
import { publicKeyFromPem } from './oauth/jwt.js';
import { DEFAULT_SESSION_TIMEOUT_MS, SessionStore } from './oauth/sessions.js';
import { soapLoginRouter } from './oauth/soap-login.js';
import { oauthRouter } from './oauth/token-router.js';
import { findActiveUser } from './oauth/users.js';
import { adminGuard } from './rest/admin-guard.js';
import { adminRouter } from './rest/admin-router.js';
import { apiGuard } from './rest/api-guard.js';
import { compositeSObjectsRouter } from './rest/composite-sobjects.js';
import { describeRouter } from './rest/describe-route.js';
import { QueryCursors } from './rest/query-cursors.js';
import { queryRouter } from './rest/query-route.js';
import { replicationRouter } from './rest/replication-route.js';
import { RequestStats } from './rest/request-stats.js';
import { RestErrors, sendRestError } from './rest/rest-errors.js';
import { sobjectRowsRouter } from './rest/sobject-rows.js';
import { sobjectSubresourcesRouter } from './rest/sobject-subresources.js';
import { isServedVersion, LATEST_API_VERSION, versionsList, versionsRouter } from './rest/versions-route.js';
import { SchemaRegistry } from './schema/registry.js';
import { generateOrg, INTEGRATION_USERNAME } from './seed/index.js';
import { Dml } from './store/dml.js';
import { type OrgData, OrgStore } from './store/org-store.js';
import { ChangeEvents } from './streaming/change-events.js';
import { ChangeOrigins } from './streaming/change-origin.js';
import { StreamingServer } from './streaming/cometd-server.js';
import { streamingAdminRouter } from './streaming/streaming-admin.js';

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: '127.0.0.1';
  seed?: number;
  /** Opportunities in the generated org (default 1,000). */
  opportunities?: number;
  /** Load the org from this JSON file when it exists (instead of generating it); save it there on close. */
  dataFile?: string;
  clientId?: string;
  clientSecret?: string;
  /** PEM certificate (or public key) of the connected app, enabling the JWT bearer flow. */
  jwtCertificate?: string;
  /** Password of every active user for the username-password flow and SOAP login. */
  userPassword?: string;
  /** The user client-credentials tokens act as (the connected app's "Run As" user). */
  integrationUsername?: string;
  dailyApiLimit?: number;
  limits?: Partial<LimitSettings>;
  sessionTimeoutMs?: number;
  now?: () => Date;
  /**
   * The generated org's "today" (seed/README.md): the business date its deals, quotas and current
   * quarter are built around, and the Lightning pages' today. Default: the clock's now. Tests fix it
   * so they do not depend on the day they run; record timestamps still follow `now`.
   */
  today?: Date;
  faults?: Partial<FaultSettings>;
  /**
   * Rows per Bulk API 2.0 query results page when the client sends no `maxRecords` (default
   * 250,000). Lower it to meet multi-page results with a small org.
   */
  bulkQueryPageSize?: number;
  /** SFDX source holding the custom objects (defaults to the repository's `salesforce/`). */
  sfdxPath?: string;
  /**
   * Routes served beside Salesforce's own, such as the demo's Lightning-like pages (@attain/demo-host).
   * Called once with the org and its sessions; mounted after OAuth, before the REST API.
   */
  extraRoutes?: (host: EmulatorHost) => RequestHandler;
  /**
   * Other SFDX projects (or source folders) whose custom objects, and custom fields on emulated
   * standard objects, load beside Attain's (`--sfdx-path DIR`): a team's own org shape, locally.
   */
  sfdxProjects?: string[];
  /** Change data capture and the Streaming API (README: Change Data Capture). */
  changeDataCapture?: ChangeDataCaptureOptions;
  /** Called with unexpected errors (500 UNKNOWN_EXCEPTION); defaults to writing them to stderr. */
  onError?: (error: unknown) => void;
}

/** The entities Attain follows by change event: what the demo org has selected for Change Data Capture. */
export const DEFAULT_CDC_ENTITIES = [
  'Opportunity',
  'OpportunitySplit',
  'OpportunityLineItem',
  'User',
  'Commission_Statement__c',
] as const;

export interface ChangeDataCaptureOptions {
  /** How long change events stay retrievable by replay (default 72 hours, by the `now` clock). */
  retentionMs?: number;
  /** Keep at most this many events (default 250,000, a memory bound; null: no count limit). */
  maxRetainedEvents?: number | null;
  /**
   * Objects selected for Change Data Capture, as an admin selects them in Setup (Salesforce publishes
   * events only for selected entities, five by default allocation). Default: the five Attain follows,
   * `DEFAULT_CDC_ENTITIES`; `null`: every object of the org.
   */
  entities?: string[] | null;
  /** How long a CometD `/meta/connect` is held without events (default 110 s, as Salesforce). */
  longPollTimeoutMs?: number;
  /** How often held connections re-check their session (default 10 s). */
  sessionCheckMs?: number;
}

export const EMULATOR_DEFAULTS = {
  seed: 1,
  opportunities: 1000,
  clientId: 'attain-local',
  clientSecret: 'attain-local-secret',
  userPassword: 'attain-local-password',
} as const;

/** What `extraRoutes` gets: the org, its sessions and the connected app, as the emulator holds them. */
export interface EmulatorHost {
  readonly store: OrgStore;
  readonly sessions: SessionStore;
  readonly clientId: string;
  readonly integrationUsername: string;
  readonly now: () => Date;
  /** The org's business date (the seed's `today`): tests fix it, the demo uses the clock. */
  readonly today: () => Date;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT`: the login URL and the instance URL. */
  readonly url: string;
  readonly store: OrgStore;
  readonly dml: Dml;
  readonly schema: SchemaRegistry;
  readonly faults: Faults;
  readonly limits: Limits;
  readonly stats: RequestStats;
  readonly sessions: SessionStore;
  readonly context: EmulatorContext;
  /** Change data capture: the retained change events (replay ids, retention, gap events). */
  readonly changeEvents: ChangeEvents;
  /** The Streaming API endpoint `/cometd/<version>` (clients, fault injection). */
  readonly streaming: StreamingServer;
  /** Back to the org as first loaded (or last reseeded); clears usage, faults, stats, cursors and Bulk jobs. */
  reset(): void;
  /** A newly generated org (defaults: the current seed and opportunity count); then as `reset`. */
  reseed(seed?: number, opportunities?: number): void;
  /** Writes the org to `dataFile` (when one is configured). */
  save(): Promise<void>;
  /** Stops serving; saves to `dataFile` first when one is configured. */
  close(): Promise<void>;
}

export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const now = options.now ?? (() => new Date());
  const today = () => options.today ?? now();
  const clientId = options.clientId ?? EMULATOR_DEFAULTS.clientId;
  const clientSecret = options.clientSecret ?? EMULATOR_DEFAULTS.clientSecret;
  const jwtKey: KeyObject | undefined = options.jwtCertificate ? publicKeyFromPem(options.jwtCertificate) : undefined;
  const schema = SchemaRegistry.load({
    ...(options.sfdxPath === undefined ? {} : { sfdxPath: options.sfdxPath }),
    ...(options.sfdxProjects === undefined ? {} : { sfdxProjects: options.sfdxProjects }),
  });
  const store = new OrgStore(schema, { now });
  const requestUser = new AsyncLocalStorage<string>();
  const integrationUsername = options.integrationUsername ?? INTEGRATION_USERNAME;
  let integrationUserId: string | undefined;
  const integrationUser = () => findActiveUser(store, integrationUsername);
  const currentUserId = (): string => {
    const fromRequest = requestUser.getStore();
    if (fromRequest) return fromRequest;
    integrationUserId ??= integrationUser()?.Id;
    return integrationUserId ?? '005000000000000AAA';
  };
  const dml = new Dml(store, schema, { now, currentUserId });
  const faults = new Faults(options.faults ?? {});
  const limits = new Limits(
    { ...options.limits, ...(options.dailyApiLimit === undefined ? {} : { dailyApiLimit: options.dailyApiLimit }) },
    now,
  );
  const stats = new RequestStats();
  const cursors = new QueryCursors();
  const bulkJobs = new JobRegistry();
  const sessions = new SessionStore(
    () => store.org.id,
    () => now().getTime(),
    options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS,
  );

  let seed = options.seed ?? EMULATOR_DEFAULTS.seed;
  let opportunities = options.opportunities ?? EMULATOR_DEFAULTS.opportunities;
  let baseline: OrgData =
    options.dataFile && existsSync(options.dataFile)
      ? (JSON.parse(readFileSync(options.dataFile, 'utf8')) as OrgData)
      : generateOrg({ seed, opportunities, today: today() });

  const load = () => {
    bulkJobs.clear(now());
    store.load(baseline);
    dml.resetCounters();
    cursors.clear();
    integrationUserId = undefined;
  };
  load();
  const cdc = options.changeDataCapture ?? {};
  const changeOrigins = new ChangeOrigins();
  const changeEvents = new ChangeEvents(schema, {
    now,
    currentUserId,
    changeOrigin: () => changeOrigins.current(),
    ...(cdc.retentionMs === undefined ? {} : { retentionMs: cdc.retentionMs }),
    ...(cdc.maxRetainedEvents === undefined ? {} : { maxRetainedEvents: cdc.maxRetainedEvents }),
    ...(cdc.entities === null ? {} : { entities: cdc.entities ?? [...DEFAULT_CDC_ENTITIES] }),
  });
  store.onCommit((changes) => changeEvents.capture(changes));

  let baseUrl = '';
  const ctx: EmulatorContext = {
    schema,
    store,
    dml,
    faults,
    limits,
    now,
    currentUserId,
    baseUrl: () => baseUrl,
    recordUrl: (apiVersion, objectName, id) =>
      `/services/data/v${apiVersion.replace(/^v/, '')}/sobjects/${objectName}/${id}`,
    sendError: (res: Response, status: number, errors: RestError[]) => sendRestError(res, status, errors),
  };

  const reset = () => {
    load();
    changeEvents.clear();
    limits.reset();
    faults.reset();
    stats.reset();
  };
  const reseed = (newSeed?: number, newOpportunities?: number) => {
    seed = newSeed ?? seed;
    opportunities = newOpportunities ?? opportunities;
    baseline = generateOrg({ seed, opportunities, today: today() });
    reset();
  };
  const info = () => ({
    url: baseUrl,
    org: store.org,
    seed,
    counts: Object.fromEntries(schema.all().map((object) => [object.name, store.count(object.name)])),
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(collapseRepeatedSlashes);
  // First, so every /__emulator route (including any mounted later) needs the header browsers can't send cross-site.
  app.use('/__emulator', adminGuard);
  app.use('/__emulator', adminRouter({ faults, limits, sessions, stats, info, reset, reseed }));
  const oauthDeps = {
    store,
    sessions,
    stats,
    baseUrl: () => baseUrl,
    clientId,
    clientSecret,
    jwtKey,
    userPassword: options.userPassword ?? EMULATOR_DEFAULTS.userPassword,
    integrationUser,
    latestApiVersion: LATEST_API_VERSION,
    now: () => now().getTime(),
  };
  app.use(oauthRouter(oauthDeps));
  if (options.extraRoutes) app.use(options.extraRoutes({ store, sessions, clientId, integrationUsername, now, today }));
  app.use(soapLoginRouter(oauthDeps));
  app.get(['/services/data', '/services/data/'], (_req, res) => {
    res.json(versionsList());
  });

  const api = express.Router({ mergeParams: true });
  api.use('/composite/sobjects', compositeSObjectsRouter(ctx));
  api.use(
    '/jobs',
    bulk2Router(ctx, {
      jobs: bulkJobs,
      ...(options.bulkQueryPageSize === undefined ? {} : { queryPageSize: options.bulkQueryPageSize }),
    }),
  );
  api.use(
    express.json({
      limit: '50mb',
      verify: (req, _res, buffer) => {
        if (buffer.length < 1_000_000) (req as Request & { rawBody?: string }).rawBody = buffer.toString('utf8');
      },
    }),
  );
  api.use(versionsRouter(ctx));
  api.use(queryRouter(ctx, cursors));
  api.use(describeRouter(ctx));
  api.use(replicationRouter(ctx));
  api.use(sobjectSubresourcesRouter(ctx));
  api.use(sobjectRowsRouter(ctx));
  api.use((_req, res) => sendRestError(res, 404, [RestErrors.notFound()]));

  const checkVersion = (req: Request, res: Response, next: NextFunction) => {
    if (!isServedVersion(String(req.params.version))) return sendRestError(res, 404, [RestErrors.notFound()]);
    next();
  };
  const userExists = (id: string) => store.get('User', id)?.IsDeleted === false;
  const streaming = new StreamingServer({
    sessions,
    userExists,
    changeEvents,
    limits,
    ...(cdc.longPollTimeoutMs === undefined ? {} : { longPollTimeoutMs: cdc.longPollTimeoutMs }),
    ...(cdc.sessionCheckMs === undefined ? {} : { sessionCheckMs: cdc.sessionCheckMs }),
  });
  app.use('/__emulator', adminGuard, streamingAdminRouter({ streaming, changeEvents, schema }));
  app.all('/cometd/:version', (req, res) => streaming.handle(req, res));
  app.use(
    '/services/data/:version',
    checkVersion,
    apiGuard({ sessions, limits, faults, stats, requestUser, userExists }),
    changeOrigins.middleware,
    api,
  );
  app.use((_req, res) => sendRestError(res, 404, [RestErrors.notFound()]));
  const onError =
    options.onError ??
    ((error: unknown) => process.stderr.write(`emulator: ${(error as Error)?.stack ?? String(error)}\n`));
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const type = (error as { type?: string } | null)?.type;
    if (type === 'entity.parse.failed') {
      return sendRestError(res, 400, [RestErrors.jsonParser(jsonParserMessage(error))]);
    }
    if (type === 'entity.too.large') {
      return sendRestError(res, 413, [{ errorCode: 'REQUEST_ENTITY_TOO_LARGE', message: 'request entity too large' }]);
    }
    onError(error);
    if (res.headersSent) return;
    sendRestError(res, 500, [
      {
        errorCode: 'UNKNOWN_EXCEPTION',
        message: 'An unexpected error occurred. Please include this ErrorId if you contact support: 0-0 (0)',
      },
    ]);
  });

  const server: Server = createServer(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${address.port}`;

  const save = async () => {
    if (!options.dataFile) return;
    const temporary = `${options.dataFile}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(store.dump()));
    await rename(temporary, options.dataFile);
  };
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      faults.update({ paused: false });
      streaming.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      });
      await save();
    })();
    return closed;
  };

  return {
    url: baseUrl,
    store,
    dml,
    schema,
    faults,
    limits,
    stats,
    sessions,
    context: ctx,
    changeEvents,
    streaming,
    reset,
    reseed,
    save,
    close,
  };
}

/**
 * `//services/data/…` is served as `/services/data/…`, as Salesforce does: `sf org login access-token`
 * stores the instance URL with a trailing slash and then joins paths onto it. Only the path is
 * touched, never the query string.
 */
function collapseRepeatedSlashes(req: Request, _res: Response, next: NextFunction): void {
  const queryAt = req.url.indexOf('?');
  const path = queryAt === -1 ? req.url : req.url.slice(0, queryAt);
  if (path.includes('//')) req.url = path.replace(/\/{2,}/g, '/') + (queryAt === -1 ? '' : req.url.slice(queryAt));
  next();
}

/** A JSON syntax error in the words of Salesforce's (Jackson) parser. */
function jsonParserMessage(error: unknown): string {
  const body = String((error as { body?: unknown }).body ?? '');
  const position = Number(/position (\d+)/.exec(String((error as Error).message))?.[1] ?? body.length);
  const before = body.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  const character = body[position];
  if (character === undefined) {
    return `Unexpected end-of-input: expected close marker for OBJECT at [line:${line}, column:${column}]`;
  }
  return `Unexpected character ('${character}' (code ${character.charCodeAt(0)})): expected a valid value (number, String, array, object, 'true', 'false' or 'null') at [line:${line}, column:${column}]`;
}

/**
 * What the API is built from. Everything with a side effect is passed in (Redis connections, the
 * queues, the org, the clock, the logger, the metrics registry), so tests run the real app against
 * a real Redis and the Salesforce emulator, with nothing of our own mocked.
 */

import type { FollowedQueues, WorkerMetrics } from '@attain/store';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { TokenKeys } from './auth/token-keys.js';
import type { OrgAccess } from './services/org-access.js';

export interface ApiOptions {
  /** Public keys of the org's token-signing certificate. */
  tokenKeys: TokenKeys;
  /** 18-character org id. */
  orgId: string;
  allowedOrigins: string[];
  canvasConsumerSecret: string | null;
  rateLimitPerMinute: number;
  clockToleranceSec: number;
  metricsToken: string | null;
  apiBudgetFraction: number;
  /** The org's login URL (SF_LOGIN_URL): where `POST /canvas` confirms the Canvas user's session. */
  salesforceLoginUrl: string;
  trustProxy: number;
  /** Check every response against its documented schema (tests): a mismatch is a 500. */
  validateResponses?: boolean;
}

export interface ApiDeps {
  /** Shared connection for reads and simple writes. */
  redis: Redis;
  /** A connection of its own for WATCH/MULTI transactions (admin changes, disputes). */
  transactionRedis: Redis;
  namespace: string;
  /** The queues, with the sync queue's events: the API follows the jobs it queues (retries). */
  queues: FollowedQueues;
  org: OrgAccess;
  logger: Logger;
  metrics: WorkerMetrics;
  options: ApiOptions;
  clock?: () => Date;
  /** How long a retry request waits for the worker (default 20 s; tests shorten it). */
  retryWaitMs?: number;
}

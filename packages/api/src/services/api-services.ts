/** The objects every handler uses, built once per app from its dependencies. */

import type { FollowedQueues } from '@attain/store';
import {
  ApiAccessStore,
  AuditStore,
  createStore,
  DisputeStore,
  InputsCache,
  type Store,
  Transactions,
} from '@attain/store';
import type { Logger } from 'pino';
import { DirectoryCache } from '../auth/directory-view.js';
import { type SessionKey, sessionSigningKey, type TokenVerifier, tokenVerifier } from '../auth/token.js';
import type { ApiDeps, ApiOptions } from '../deps.js';
import type { AdminDeps } from './admin-inputs.js';
import type { DisputeDeps } from './disputes.js';
import type { MappingDeps } from './mapping-admin.js';
import type { OrgAccess } from './org-access.js';
import { DEFAULT_RETRY_WAIT_MS, type RetryDeps } from './retry-errors.js';
import { StatementReader } from './statements.js';

/**
 * The services a handler gets: stores and readers, never a Redis connection (writes that must be
 * all-or-nothing go through `transactions` with the stores' watch keys and MULTI writers).
 */
export interface ApiServices extends AdminDeps, DisputeDeps, MappingDeps, RetryDeps {
  store: Store;
  queues: FollowedQueues;
  org: OrgAccess;
  logger: Logger;
  options: ApiOptions;
  clock: () => Date;
  verify: TokenVerifier;
  /** The API's own key pair for Canvas sessions (made at start); null when Canvas is not configured. */
  sessionKey: SessionKey | null;
  directory: DirectoryCache;
  inputs: InputsCache;
  statements: StatementReader;
  disputes: DisputeStore;
  audit: AuditStore;
  transactions: Transactions;
  /** Rate-limit counts, the queue dashboard's tickets and sessions, Redis health. */
  access: ApiAccessStore;
}

export function apiServices(deps: ApiDeps): ApiServices {
  const store = createStore(deps.redis, deps.namespace);
  const clock = deps.clock ?? (() => new Date());
  const sessionKey = deps.options.canvasConsumerSecret === null ? null : sessionSigningKey();
  return {
    store,
    queues: deps.queues,
    org: deps.org,
    logger: deps.logger,
    options: deps.options,
    clock,
    retryWaitMs: deps.retryWaitMs ?? DEFAULT_RETRY_WAIT_MS,
    sessionKey,
    verify: tokenVerifier({
      keys: deps.options.tokenKeys,
      sessionKey,
      orgId: deps.options.orgId,
      clockToleranceSec: deps.options.clockToleranceSec,
      now: () => Math.floor(clock().getTime() / 1000),
    }),
    directory: new DirectoryCache(store.directory),
    inputs: new InputsCache(store.inputs),
    statements: new StatementReader(store),
    disputes: new DisputeStore(deps.redis, store.keys),
    audit: new AuditStore(deps.redis, store.keys),
    transactions: new Transactions(deps.transactionRedis),
    access: new ApiAccessStore(deps.redis, store.keys),
  };
}

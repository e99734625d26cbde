/** The worker's Redis store: one object per kind of state, all under one namespace. */
import type { Redis } from 'ioredis';
import { ApiPauseStore } from './api-pause-store.js';
import { ApiUsageStore } from './api-usage-store.js';
import { CursorStore } from './cursor-store.js';
import { DealStore } from './deal-store.js';
import { DirectoryStore } from './directory-store.js';
import { HeldStore } from './held-store.js';
import { InputStore } from './input-store.js';
import { DEFAULT_NAMESPACE, type RedisKeys, redisKeys } from './keys.js';
import { MappingStore } from './mapping-store.js';
import { NoticeStore } from './notice-store.js';
import { StatementStore } from './statement-store.js';
import { SyncErrorStore } from './sync-error-store.js';
import { SyncRunStore } from './sync-run-store.js';
import { WriteErrorStore } from './write-error-store.js';
import { WritebackLagStore } from './writeback-lag-store.js';
import { WrittenStore } from './written-store.js';

export interface Store {
  keys: RedisKeys;
  mapping: MappingStore;
  inputs: InputStore;
  deals: DealStore;
  statements: StatementStore;
  written: WrittenStore;
  writeErrors: WriteErrorStore;
  apiPause: ApiPauseStore;
  cursors: CursorStore;
  runs: SyncRunStore;
  errors: SyncErrorStore;
  notices: NoticeStore;
  lag: WritebackLagStore;
  held: HeldStore;
  directory: DirectoryStore;
  apiUsage: ApiUsageStore;
}

export function createStore(redis: Redis, namespace: string = DEFAULT_NAMESPACE): Store {
  const keys = redisKeys(namespace);
  return {
    keys,
    mapping: new MappingStore(redis, keys),
    inputs: new InputStore(redis, keys),
    deals: new DealStore(redis, keys),
    statements: new StatementStore(redis, keys),
    written: new WrittenStore(redis, keys),
    writeErrors: new WriteErrorStore(redis, keys),
    apiPause: new ApiPauseStore(redis, keys),
    cursors: new CursorStore(redis, keys),
    runs: new SyncRunStore(redis, keys),
    errors: new SyncErrorStore(redis, keys),
    notices: new NoticeStore(redis, keys),
    lag: new WritebackLagStore(redis, keys),
    held: new HeldStore(redis, keys),
    directory: new DirectoryStore(redis, keys),
    apiUsage: new ApiUsageStore(redis, keys),
  };
}

export type {
  ApiPauseStore,
  ApiUsageStore,
  CursorStore,
  DealStore,
  DirectoryStore,
  HeldStore,
  InputStore,
  MappingStore,
  NoticeStore,
  StatementStore,
  SyncErrorStore,
  SyncRunStore,
  WritebackLagStore,
  WriteErrorStore,
  WrittenStore,
};

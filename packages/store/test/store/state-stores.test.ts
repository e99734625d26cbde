import type { Statement } from '@attain/engine';
import { describe, expect, it } from 'vitest';
import { CursorStore } from '../../src/store/cursor-store.js';
import { InvalidMappingError, MappingStore } from '../../src/store/mapping-store.js';
import { StatementStore } from '../../src/store/statement-store.js';
import { SyncErrorStore } from '../../src/store/sync-error-store.js';
import { SyncRunStore } from '../../src/store/sync-run-store.js';
import { WrittenStore } from '../../src/store/written-store.js';
import { useRedis } from '../support/store-fixture.js';

const redis = useRedis();

describe('MappingStore', () => {
  it('keeps every version with its author and time; the newest is current', async () => {
    const store = new MappingStore(redis.client(), redis.fresh().keys);
    expect(await store.current()).toBeNull();
    const first = await store.save({}, 'admin@a.test', new Date('2026-01-01T00:00:00Z'));
    const second = await store.save({ currency: 'CurrencyIsoCode' }, 'ops@a.test', new Date('2026-01-02T00:00:00Z'));
    expect(first.version).toBe(1);
    expect(second).toMatchObject({ version: 2, author: 'ops@a.test', createdAt: '2026-01-02T00:00:00.000Z' });
    expect(await store.current()).toEqual(second);
    expect(await store.get(1)).toEqual(first);
    expect(await store.get(3)).toBeNull();
    expect(await store.get(0)).toBeNull();
    expect((await store.history()).map((v) => [v.version, v.author, v.mapping.currency])).toEqual([
      [1, 'admin@a.test', undefined],
      [2, 'ops@a.test', 'CurrencyIsoCode'],
    ]);
  });

  it('gives distinct versions to concurrent saves', async () => {
    const store = new MappingStore(redis.client(), redis.fresh().keys);
    const saved = await Promise.all(Array.from({ length: 10 }, (_, i) => store.save({}, `admin${i}`)));
    expect(new Set(saved.map((v) => v.version)).size).toBe(10);
  });

  it('refuses a malformed mapping with its issues', async () => {
    const store = new MappingStore(redis.client(), redis.fresh().keys);
    const error = await store.save({ amount: 7 }, 'admin').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidMappingError);
    expect((error as InvalidMappingError).issues[0]?.path).toEqual(['amount']);
    expect(await store.current()).toBeNull();
  });
});

describe('CursorStore', () => {
  it('only moves forward, and resets', async () => {
    const cursors = new CursorStore(redis.client(), redis.fresh().keys);
    expect(await cursors.get('Opportunity')).toBeNull();
    expect(await cursors.advance('Opportunity', 2000)).toBe(true);
    expect(await cursors.advance('Opportunity', 1000)).toBe(false);
    expect(await cursors.advance('Opportunity', 2000)).toBe(false);
    expect(await cursors.get('Opportunity')).toBe(2000);
    expect(await cursors.all()).toEqual({ Opportunity: 2000 });
    await cursors.reset('Opportunity');
    expect(await cursors.get('Opportunity')).toBeNull();
  });
});

describe('SyncErrorStore', () => {
  it('keeps the latest error per record and forgets records that synced', async () => {
    const errors = new SyncErrorStore(redis.client(), redis.fresh().keys);
    const at = new Date('2026-02-01T00:00:00Z');
    await errors.record(
      [
        {
          recordId: '006B',
          object: 'Opportunity',
          code: 'missing_amount',
          path: ['Amount'],
          message: 'Amount is empty',
        },
        { recordId: '006A', object: 'Opportunity', code: 'bad_split', path: [], message: 'x' },
      ],
      'run-1',
      at,
    );
    await errors.record(
      [{ recordId: '006A', object: 'Opportunity', code: 'unknown_currency', path: [], message: 'y' }],
      'run-2',
      at,
    );
    expect(await errors.count()).toBe(2);
    expect((await errors.list()).map((e) => [e.recordId, e.code, e.runId])).toEqual([
      ['006A', 'unknown_currency', 'run-2'],
      ['006B', 'missing_amount', 'run-1'],
    ]);
    await errors.clear(['006A', '006Z']);
    expect((await errors.list()).map((e) => e.recordId)).toEqual(['006B']);
  });

  it('reads the entries older versions stored (upper-case code, reason, field) in the one problem shape', async () => {
    const fresh = redis.fresh();
    const errors = new SyncErrorStore(redis.client(), fresh.keys);
    const legacy = (entry: object) => JSON.stringify({ ...entry, runId: 'run-0', at: '2026-01-01T00:00:00.000Z' });
    await redis.client().hset(
      fresh.keys.syncErrors,
      '006C',
      legacy({
        recordId: '006C',
        object: 'Opportunity',
        code: 'BAD_SPLIT',
        field: 'OpportunitySplits.SplitPercentage',
        reason: 'split 149A has no percent',
      }),
      'Opportunity:unknown:MISSING_ID',
      legacy({ recordId: null, object: 'Opportunity', code: 'MISSING_ID', field: 'Id', reason: 'Id is empty' }),
    );
    expect(await errors.list()).toEqual([
      {
        recordId: null,
        object: 'Opportunity',
        code: 'missing_id',
        path: ['Id'],
        message: 'Id is empty',
        runId: 'run-0',
        at: '2026-01-01T00:00:00.000Z',
      },
      {
        recordId: '006C',
        object: 'Opportunity',
        code: 'bad_split',
        path: ['OpportunitySplits', 'SplitPercentage'],
        message: 'split 149A has no percent',
        runId: 'run-0',
        at: '2026-01-01T00:00:00.000Z',
      },
    ]);
    await errors.clearObject('Opportunity');
    expect(await errors.count()).toBe(0);
  });
});

describe('SyncRunStore', () => {
  it('records runs newest first and keeps only the newest', async () => {
    const runs = new SyncRunStore(redis.client(), redis.fresh().keys, 3);
    for (let i = 1; i <= 5; i++) {
      const run = await runs.start(`run-${i}`, 'incremental', new Date(Date.UTC(2026, 0, 1, 0, i)));
      await runs.update({ ...run, status: 'succeeded', counts: { ...run.counts, read: i } });
    }
    expect((await runs.list()).map((r) => [r.id, r.status, r.counts.read])).toEqual([
      ['run-5', 'succeeded', 5],
      ['run-4', 'succeeded', 4],
      ['run-3', 'succeeded', 3],
    ]);
    expect(await runs.get('run-1')).toBeNull();
    expect(await runs.get('run-3')).toMatchObject({ kind: 'incremental', startedAt: '2026-01-01T00:03:00.000Z' });
  });
});

const statement = (total: string): Statement => ({
  repId: '005A',
  planId: 'ae',
  period: '2026-Q1',
  currency: 'USD',
  quota: null,
  credited: '100.00',
  attainment: null,
  total,
  lines: [],
});

describe('StatementStore', () => {
  it('stores statements and marks the key for write-back, with generations', async () => {
    const store = new StatementStore(redis.client(), redis.fresh().keys);
    const key = { repId: '005A', period: '2026-Q1' };
    await store.put(key, [statement('10.00')], [], new Date('2026-02-01T00:00:00Z'));
    expect(await store.get(key)).toEqual({
      key,
      statements: [statement('10.00')],
      warnings: [],
      computedAt: '2026-02-01T00:00:00.000Z',
    });
    expect(await store.keysWithStatements()).toEqual([key]);
    const [pending] = await store.pendingWriteback();
    await store.put(key, [statement('20.00')], []);
    expect(await store.clearWriteback(key, pending!.generation)).toBe(false);
    expect(await store.clearWriteback(key, (await store.writebackGeneration(key))!)).toBe(true);
    expect(await store.pendingWriteback()).toEqual([]);

    await store.put(key, [], []);
    expect(await store.get(key)).toBeNull();
    expect(await store.keysWithStatements()).toEqual([]);
    expect((await store.pendingWriteback()).map((p) => p.key)).toEqual([key]);
  });
});

describe('WrittenStore', () => {
  it('remembers hash and id per external key, and forgets deleted ones', async () => {
    const store = new WrittenStore(redis.client(), redis.fresh().keys);
    const key = { repId: '005A', period: '2026-Q1' };
    await store.apply(key, {
      written: [
        { externalKey: 'k1', hash: 'h1', id: 'a01' },
        { externalKey: 'k2', hash: 'h2', id: 'a02' },
      ],
      deleted: [],
    });
    await store.apply(key, { written: [{ externalKey: 'k1', hash: 'h1b', id: 'a01' }], deleted: ['k2'] });
    expect(await store.get(key)).toEqual(new Map([['k1', { hash: 'h1b', id: 'a01' }]]));
  });
});

import { describe, expect, it } from 'vitest';
import { DmlRollback } from '../../src/store/dml.js';
import { storeFixture } from './store-fixture.js';

const commission = (key: string, extra: Record<string, unknown> = {}) => ({
  External_Key__c: key,
  Amount__c: 125.5,
  Period__c: '2026-02',
  ...extra,
});

function expectFailure(result: {
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
}) {
  expect(result.success).toBe(false);
  return result.errors[0] as { statusCode: string; message: string; fields: string[] };
}

describe('Dml.insert', () => {
  it('creates a record with system fields, defaults and an auto-numbered name', () => {
    const { dml, store, integrationUserId } = storeFixture();
    const result = dml.insert('commission__c', commission('k-1'));
    expect(result).toMatchObject({ success: true, created: true, errors: [] });
    const record = store.get('Commission__c', result.id as string);
    expect(record).toMatchObject({
      External_Key__c: 'k-1',
      Amount__c: 125.5,
      IsDeleted: false,
      CreatedById: integrationUserId,
      LastModifiedById: integrationUserId,
      OwnerId: integrationUserId,
      CurrencyIsoCode: 'USD',
    });
    expect(record?.SystemModstamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(record?.CreatedDate).toBe(record?.SystemModstamp);
    expect(String(record?.Name)).toMatch(/\d+$/);
    const second = dml.insert('Commission__c', commission('k-2'));
    const nextName = store.get('Commission__c', second.id as string)?.Name;
    expect(Number(/(\d+)$/.exec(String(nextName))?.[1])).toBe(Number(/(\d+)$/.exec(String(record?.Name))?.[1]) + 1);
  });

  it('rejects unknown and read-only fields, wrong types, long strings and missing required fields', () => {
    const { dml } = storeFixture();
    expect(expectFailure(dml.insert('Commission__c', commission('a', { Bogus__c: 1 })))).toEqual({
      statusCode: 'INVALID_FIELD',
      message: "No such column 'Bogus__c' on sobject of type Commission__c",
      fields: [],
    });
    expect(
      expectFailure(dml.insert('Commission__c', commission('a', { SystemModstamp: '2026-01-01T00:00:00Z' }))),
    ).toMatchObject({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      fields: ['SystemModstamp'],
    });
    expect(expectFailure(dml.insert('Commission__c', commission('a', { Amount__c: 'abc' })))).toEqual({
      statusCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
      message: 'Amount: value not of required type: abc',
      fields: ['Amount__c'],
    });
    expect(expectFailure(dml.insert('Commission__c', commission('a', { Period__c: 'x'.repeat(11) })))).toMatchObject({
      statusCode: 'STRING_TOO_LONG',
      fields: ['Period__c'],
    });
    expect(expectFailure(dml.insert('Commission__c', { Amount__c: 1 }))).toEqual({
      statusCode: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [External_Key__c]',
      fields: ['External_Key__c'],
    });
    expect(expectFailure(dml.insert('Commission__c', commission('a', { Amount__c: 1e20 })))).toMatchObject({
      statusCode: 'NUMBER_OUTSIDE_VALID_RANGE',
    });
    expect(expectFailure(dml.insert('Nope__c', {}))).toMatchObject({ statusCode: 'INVALID_TYPE' });
    expect(expectFailure(dml.insert('Commission__c', { ...commission('a'), Id: '0065g0000000001AAA' }))).toMatchObject({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
    });
  });

  it('rounds numbers half-up to the field scale and accepts numeric text', () => {
    const { dml, store } = storeFixture();
    const { id } = dml.insert('Commission__c', commission('r', { Amount__c: 1.005, Rate__c: '0.123456789' }));
    const record = store.get('Commission__c', id as string);
    expect(record?.Amount__c).toBe(1.01);
    expect(record?.Rate__c).toBe(0.12345679);
  });

  it('checks references: shape, target type, existence', () => {
    const { dml, firstLive } = storeFixture();
    const opportunity = firstLive('Opportunity');
    const account = firstLive('Account');
    expect(dml.insert('Commission__c', commission('ok', { Opportunity__c: opportunity.Id.slice(0, 15) })).success).toBe(
      true,
    );
    expect(expectFailure(dml.insert('Commission__c', commission('b1', { Opportunity__c: 'abc' })))).toMatchObject({
      statusCode: 'MALFORMED_ID',
      fields: ['Opportunity__c'],
    });
    expect(expectFailure(dml.insert('Commission__c', commission('b2', { Opportunity__c: account.Id })))).toMatchObject({
      statusCode: 'FIELD_INTEGRITY_EXCEPTION',
    });
    const missing = `${opportunity.Id.slice(0, 5)}zzzzzzzzzz`;
    expect(expectFailure(dml.insert('Commission__c', commission('b3', { Opportunity__c: missing })))).toMatchObject({
      statusCode: 'INVALID_CROSS_REFERENCE_KEY',
    });
  });

  it('refuses an inactive user as owner (INACTIVE_OWNER_OR_USER), but keeps a record an owner had before', () => {
    const { dml, store } = storeFixture();
    const [first, second] = [...store.scan('User', false)].filter((user) => user.IsActive !== false);
    const owned = dml.insert('Commission__c', commission('o1', { OwnerId: first!.Id }));
    expect(owned.success).toBe(true);
    expect(dml.update('User', first!.Id, { IsActive: false }).success).toBe(true);
    expect(expectFailure(dml.insert('Commission__c', commission('o2', { OwnerId: first!.Id })))).toMatchObject({
      statusCode: 'INACTIVE_OWNER_OR_USER',
      fields: ['OwnerId'],
    });
    expect(expectFailure(dml.update('Commission__c', owned.id!, { OwnerId: first!.Id }))).toMatchObject({
      statusCode: 'INACTIVE_OWNER_OR_USER',
    });
    expect(dml.update('Commission__c', owned.id!, { Amount__c: 1 }).success).toBe(true);
    expect(dml.update('Commission__c', owned.id!, { OwnerId: second!.Id }).success).toBe(true);
  });

  it('sets a lookup through a relationship and an external id, as Salesforce allows', () => {
    const { dml, store } = storeFixture();
    const parent = dml.insert('Commission__c', commission('parent'));
    expect(parent.success).toBe(true);
    const user = [...store.scan('User', false)][0];
    const viaId = dml.insert('Commission__c', commission('child', { Rep__r: { Id: user?.Id } }));
    expect(store.get('Commission__c', viaId.id as string)?.Rep__c).toBe(user?.Id);
    expect(
      expectFailure(dml.insert('Commission__c', commission('child2', { Rep__r: { Id: '005000000000000AAA' } }))),
    ).toMatchObject({
      statusCode: 'INVALID_FIELD',
    });
  });

  it('enforces restricted picklists and unique values (case-sensitively for External_Key__c)', () => {
    const { dml } = storeFixture();
    expect(expectFailure(dml.insert('Commission__c', commission('p', { CurrencyIsoCode: 'XXX' })))).toEqual({
      statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      message: 'bad value for restricted picklist field: XXX',
      fields: ['CurrencyIsoCode'],
    });
    const first = dml.insert('Commission__c', commission('Same'));
    expect(expectFailure(dml.insert('Commission__c', commission('Same')))).toMatchObject({
      statusCode: 'DUPLICATE_VALUE',
      message: `duplicate value found: External_Key__c duplicates value on record with id: ${first.id}`,
    });
    expect(dml.insert('Commission__c', commission('same')).success).toBe(true);
  });
});

describe('Dml.update / upsert', () => {
  it('updates fields and keeps LastModified*/SystemModstamp strictly increasing', () => {
    const { dml, store } = storeFixture();
    const { id } = dml.insert('Commission__c', commission('u'));
    const before = store.get('Commission__c', id as string);
    const result = dml.update('Commission__c', id as string, { Amount__c: 99, Id: id });
    expect(result).toMatchObject({ success: true, created: false });
    const after = store.get('Commission__c', id as string);
    expect(after?.Amount__c).toBe(99);
    expect(String(after?.SystemModstamp) > String(before?.SystemModstamp)).toBe(true);
    expect(after?.CreatedDate).toBe(before?.CreatedDate);
    expect(expectFailure(dml.update('Commission__c', id as string, { External_Key__c: null }))).toMatchObject({
      statusCode: 'REQUIRED_FIELD_MISSING',
    });
    expect(expectFailure(dml.update('Commission__c', 'bad', {}))).toMatchObject({ statusCode: 'MALFORMED_ID' });
  });

  it('derives Opportunity IsWon / IsClosed / Probability / ForecastCategory from the stage', () => {
    const { dml, firstLive, store } = storeFixture();
    const opportunity = firstLive('Opportunity');
    expect(dml.update('Opportunity', opportunity.Id, { StageName: 'Closed Won' }).success).toBe(true);
    expect(store.get('Opportunity', opportunity.Id)).toMatchObject({
      IsClosed: true,
      IsWon: true,
      Probability: 100,
      ForecastCategory: 'Closed',
    });
    dml.update('Opportunity', opportunity.Id, { StageName: 'Negotiation/Review', Probability: 55 });
    expect(store.get('Opportunity', opportunity.Id)).toMatchObject({ IsClosed: false, IsWon: false, Probability: 55 });
    expect(expectFailure(dml.update('Opportunity', opportunity.Id, { StageName: 'Nope' }))).toMatchObject({
      statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    });
    expect(expectFailure(dml.update('Opportunity', opportunity.Id, { IsWon: true }))).toMatchObject({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
    });
  });

  it('upserts by external id: created, then updated, and refuses non-external-id fields', () => {
    const { dml, store } = storeFixture();
    const created = dml.upsert('Commission__c', 'External_Key__c', 'x-1', { Amount__c: 1 });
    expect(created).toMatchObject({ success: true, created: true });
    const updated = dml.upsert('Commission__c', 'external_key__c', 'x-1', { Amount__c: 2, External_Key__c: 'x-1' });
    expect(updated).toMatchObject({ success: true, created: false, id: created.id });
    expect(store.get('Commission__c', created.id as string)?.Amount__c).toBe(2);
    expect(store.findByExternalId('Commission__c', 'External_Key__c', 'x-1')).toHaveLength(1);
    expect(expectFailure(dml.upsert('Commission__c', 'Period__c', '2026-01', {}))).toMatchObject({
      statusCode: 'INVALID_FIELD',
    });
  });
});

describe('Dml.upsert keys and the indexes behind them', () => {
  it("writes the key it matched on, ignoring the body's own copy in any casing", () => {
    const { dml, store } = storeFixture();
    const created = dml.upsert('Commission__c', 'External_Key__c', 'u-1', { external_key__c: 'other', Amount__c: 3 });
    expect(created).toMatchObject({ success: true, created: true });
    expect(store.get('Commission__c', created.id as string)?.External_Key__c).toBe('u-1');
    expect(store.findByExternalId('Commission__c', 'External_Key__c', 'other')).toEqual([]);
    const again = dml.upsert('Commission__c', 'External_Key__c', 'u-1', { EXTERNAL_KEY__C: 'other', Amount__c: 4 });
    expect(again).toMatchObject({ success: true, created: false, id: created.id });
    expect(store.get('Commission__c', created.id as string)).toMatchObject({ External_Key__c: 'u-1', Amount__c: 4 });
    const byId = dml.upsert('Commission__c', 'Id', '', { External_Key__c: 'u-2', Id: 'ignored' });
    expect(byId).toMatchObject({ success: true, created: true });
  });

  it('keeps child lists right as a parent gains and loses several children', () => {
    const { dml, store, firstLive } = storeFixture();
    const parent = firstLive('Opportunity');
    const children = () =>
      [...store.children('Commission__c', 'Opportunity__c', parent.Id, false)].map((r) => r.External_Key__c).sort();
    for (const key of ['c-1', 'c-2', 'c-3'])
      dml.insert('Commission__c', { External_Key__c: key, Opportunity__c: parent.Id });
    expect(children()).toEqual(['c-1', 'c-2', 'c-3']);
    for (const key of ['c-1', 'c-3']) {
      const [record] = store.findByExternalId('Commission__c', 'External_Key__c', key);
      dml.update('Commission__c', record?.Id as string, { Opportunity__c: null });
    }
    expect(children()).toEqual(['c-2']);
    const [last] = store.findByExternalId('Commission__c', 'External_Key__c', 'c-2');
    dml.delete('Commission__c', last?.Id as string);
    expect(children()).toEqual([]);
    expect(store.findByExternalId('Commission__c', 'External_Key__c', 'c-2')).toEqual([]);
    expect(dml.insert('Commission__c', { External_Key__c: 'c-2' })).toMatchObject({ success: true });
  });
});

describe('Dml.delete / undelete / transaction', () => {
  it('moves records to the recycle bin, clears lookups to them, and undelete restores both', () => {
    const { dml, store, firstLive } = storeFixture();
    const opportunity = firstLive('Opportunity');
    const child = dml.insert('Commission__c', commission('d', { Opportunity__c: opportunity.Id }));
    const splits = [...store.children('OpportunitySplit', 'OpportunityId', opportunity.Id, false)];
    expect(dml.delete('Opportunity', opportunity.Id)).toMatchObject({ success: true });
    expect(store.get('Opportunity', opportunity.Id)?.IsDeleted).toBe(true);
    expect([...store.scan('Opportunity', false)].some((r) => r.Id === opportunity.Id)).toBe(false);
    expect([...store.scan('Opportunity', true)].some((r) => r.Id === opportunity.Id)).toBe(true);
    expect(store.get('Commission__c', child.id as string)?.Opportunity__c).toBeNull();
    for (const split of splits) expect(store.get('OpportunitySplit', split.Id)?.IsDeleted).toBe(true);
    expect(expectFailure(dml.delete('Opportunity', opportunity.Id))).toMatchObject({ statusCode: 'ENTITY_IS_DELETED' });
    const deleted = store.deletedBetween('Opportunity', new Date(0), new Date('2100-01-01'));
    expect(deleted.map((entry) => entry.id)).toContain(opportunity.Id);

    expect(dml.undelete('Opportunity', opportunity.Id)).toMatchObject({ success: true });
    expect(store.get('Opportunity', opportunity.Id)?.IsDeleted).toBe(false);
    expect(store.get('Commission__c', child.id as string)?.Opportunity__c).toBe(opportunity.Id);
    for (const split of splits) expect(store.get('OpportunitySplit', split.Id)?.IsDeleted).toBe(false);
  });

  it('rolls back every write of a failed transaction and shares one stamp inside it', () => {
    const { dml, store } = storeFixture();
    const count = store.count('Commission__c');
    expect(() =>
      dml.transaction(() => {
        dml.insert('Commission__c', commission('t-1'));
        const bad = dml.insert('Commission__c', commission('t-1'));
        if (!bad.success) throw new DmlRollback(bad);
      }),
    ).toThrow(DmlRollback);
    expect(store.count('Commission__c')).toBe(count);
    expect(store.findByExternalId('Commission__c', 'External_Key__c', 't-1')).toHaveLength(0);

    const ids = dml.transaction(() => [
      dml.insert('Commission__c', commission('t-2')).id,
      dml.insert('Commission__c', commission('t-3')).id,
    ]);
    const [a, b] = ids.map((id) => store.get('Commission__c', id as string)?.SystemModstamp);
    expect(a).toBe(b);
    const later = dml.insert('Commission__c', commission('t-4'));
    expect(String(store.get('Commission__c', later.id as string)?.SystemModstamp) > String(a)).toBe(true);
  });

  it('hands out strictly increasing stamps even when the clock stands still', () => {
    const { dml, store } = storeFixture();
    const stamps = Array.from({ length: 50 }, (_, i) => {
      const { id } = dml.insert('Commission__c', commission(`m-${i}`));
      return String(store.get('Commission__c', id as string)?.SystemModstamp);
    });
    for (let i = 1; i < stamps.length; i++) expect((stamps[i] as string) > (stamps[i - 1] as string)).toBe(true);
  });
});

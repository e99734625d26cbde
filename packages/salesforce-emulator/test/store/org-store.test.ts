import { describe, expect, it } from 'vitest';
import { canonicalId } from '../../src/store/record-id.js';
import { storeFixture } from './store-fixture.js';

describe('OrgStore', () => {
  it('finds records by 15-character ids and by 18-character ids in any letter case', () => {
    const { store, firstLive } = storeFixture();
    const opportunity = firstLive('Opportunity');
    expect(store.get('opportunity', opportunity.Id.slice(0, 15))).toBe(opportunity);
    expect(store.get('Opportunity', opportunity.Id.toLowerCase())).toBe(opportunity);
    expect(store.get('Opportunity', opportunity.Id.toUpperCase())).toBe(opportunity);
    expect(store.get('Opportunity', 'not-an-id')).toBeUndefined();
    expect(canonicalId('001000000000000')).toBe('001000000000000AAA');
    expect(canonicalId('0010000000000000AB')).toBeUndefined();
  });

  it('keeps loaded system fields and never reissues a loaded id', () => {
    const { store, dml, firstLive } = storeFixture();
    const opportunity = firstLive('Opportunity');
    expect(opportunity.CreatedDate).toMatch(/\+0000$/);
    const ids = new Set([...store.scan('Commission__c', true)].map((record) => record.Id));
    for (let i = 0; i < 20; i++) {
      const { id } = dml.insert('Commission__c', { External_Key__c: `n-${i}` });
      expect(ids.has(id as string)).toBe(false);
      ids.add(id as string);
    }
  });

  it('indexes children and external ids, and keeps the indexes right through updates and rollbacks', () => {
    const { store, dml, firstLive } = storeFixture();
    const [first, second] = [...store.scan('Opportunity', false)];
    if (!first || !second) throw new Error('need two opportunities');
    const { id } = dml.insert('Commission__c', { External_Key__c: 'Key-1', Opportunity__c: first.Id });
    const childIds = () => [...store.children('Commission__c', 'Opportunity__c', first.Id, false)].map((r) => r.Id);
    expect(childIds()).toEqual([id]);
    dml.update('Commission__c', id as string, { Opportunity__c: second.Id });
    expect(childIds()).toEqual([]);
    expect(
      [...store.children('Commission__c', 'opportunity__c', second.Id.slice(0, 15), false)].map((r) => r.Id),
    ).toEqual([id]);

    expect(store.findByExternalId('Commission__c', 'External_Key__c', 'Key-1')).toHaveLength(1);
    expect(store.findByExternalId('Commission__c', 'External_Key__c', 'key-1')).toHaveLength(0);

    store.begin();
    dml.update('Commission__c', id as string, { External_Key__c: 'Key-2', Opportunity__c: first.Id });
    store.rollback();
    expect(store.findByExternalId('Commission__c', 'External_Key__c', 'Key-1')).toHaveLength(1);
    expect(store.findByExternalId('Commission__c', 'External_Key__c', 'Key-2')).toHaveLength(0);
    expect(childIds()).toEqual([]);
    expect(firstLive('Opportunity')).toBe(first);
  });

  it('reports updated and deleted records by SystemModstamp', () => {
    const { store, dml, setNow } = storeFixture();
    setNow(new Date('2026-04-01T10:00:00.000Z'));
    const { id } = dml.insert('Commission__c', { External_Key__c: 'upd' });
    const window = [new Date('2026-04-01T09:59:00.000Z'), new Date('2026-04-01T10:01:00.000Z')] as const;
    expect(store.updatedBetween('Commission__c', ...window)).toEqual([id]);
    setNow(new Date('2026-04-01T10:05:00.000Z'));
    dml.delete('Commission__c', id as string);
    expect(store.updatedBetween('Commission__c', ...window)).toEqual([]);
    expect(
      store.deletedBetween('Commission__c', new Date('2026-04-01T10:04:00.000Z'), new Date('2026-04-01T10:06:00.000Z')),
    ).toEqual([{ id, deletedDate: '2026-04-01T10:05:00.000+0000' }]);
  });

  it('dumps what it loaded', () => {
    const { store } = storeFixture({ opportunities: 5 });
    const dump = store.dump();
    expect(dump.org.id).toBe(store.org.id);
    expect(dump.objects.Opportunity).toHaveLength(5);
  });
});

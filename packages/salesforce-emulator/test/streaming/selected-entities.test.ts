/**
 * Which writes become change events, checked in-process on the event bus itself: only the objects
 * selected for Change Data Capture, one event per committed record, nothing for rolled-back work.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Emulator } from '../../src/index.js';
import { startEmulator } from '../emulator-fixture.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ changeDataCapture: { entities: ['Commission_Statement__c'] } });
});
afterAll(() => emulator.close());

const headers = () => emulator.changeEvents.retained().map((event) => event.message.data.payload.ChangeEventHeader);

it('publishes events for the selected entities only', () => {
  const opportunity = emulator.store.dump().objects.Opportunity?.[0]?.Id as string;
  expect(emulator.dml.update('Opportunity', opportunity, { Name: 'not selected' }).success).toBe(true);
  const created = emulator.dml.insert('Commission_Statement__c', { External_Key__c: 'SEL-1' });
  expect(created.success).toBe(true);
  expect(headers().map((header) => [header.entityName, header.changeType, header.recordIds])).toEqual([
    ['Commission_Statement__c', 'CREATE', [created.id]],
  ]);
});

it('a transaction rolled back publishes nothing; one committed publishes once per record', () => {
  const before = emulator.changeEvents.lastReplayId;
  expect(() =>
    emulator.dml.transaction(() => {
      emulator.dml.insert('Commission_Statement__c', { External_Key__c: 'SEL-RB' });
      throw new Error('roll back');
    }),
  ).toThrow('roll back');
  expect(emulator.changeEvents.lastReplayId).toBe(before);

  emulator.dml.transaction(() => {
    const id = emulator.dml.insert('Commission_Statement__c', { External_Key__c: 'SEL-2' }).id as string;
    // Created then changed in one transaction: one CREATE event carrying the committed values.
    emulator.dml.update('Commission_Statement__c', id, { Period__c: '2026-Q3' });
  });
  const [last] = emulator.changeEvents.retained().slice(-1);
  expect(emulator.changeEvents.lastReplayId).toBe(before + 1);
  expect(last?.message.data.payload).toMatchObject({ External_Key__c: 'SEL-2', Period__c: '2026-Q3' });
  expect(last?.message.data.payload.ChangeEventHeader.changeType).toBe('CREATE');
});

it('reset forgets the retained events but never reuses a replay id', () => {
  const last = emulator.changeEvents.lastReplayId;
  emulator.reset();
  expect(emulator.changeEvents.retained()).toEqual([]);
  emulator.dml.insert('Commission_Statement__c', { External_Key__c: 'SEL-3' });
  expect(emulator.changeEvents.retained()[0]?.replayId).toBe(last + 1);
});

it("by default selects the five entities Attain follows, and not Commission__c (Salesforce's default allocation is five)", async () => {
  const org = await startEmulator({ opportunities: 20 });
  try {
    const opportunity = org.store.dump().objects.Opportunity?.[0]?.Id as string;
    expect(org.dml.update('Opportunity', opportunity, { Name: 'selected by default' }).success).toBe(true);
    expect(org.dml.insert('Commission__c', { External_Key__c: 'DEFAULT-1' }).success).toBe(true);
    const entities = org.changeEvents
      .retained()
      .map((event) => event.message.data.payload.ChangeEventHeader.entityName);
    expect(entities).toEqual(['Opportunity']);
  } finally {
    await org.close();
  }
});

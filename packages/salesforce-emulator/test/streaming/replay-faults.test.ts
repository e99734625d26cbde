/**
 * Replay, retention, authentication, fault injection and the delivery allocation of the Streaming
 * API, through jsforce's streaming client (Replay and AuthFailure extensions) over real HTTP. The
 * emulator runs on an injected clock, so the 72-hour retention window is crossed without waiting.
 */
import jsforce, { type Connection } from 'jsforce';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/index.js';
import { admin, connect, rejection, startEmulator } from '../emulator-fixture.js';
import { type EventData, header, type Subscriber, subscribe } from './stream-support.js';

const HOUR = 60 * 60 * 1000;
let clock = Date.parse('2026-03-02T10:00:00.000Z');
let emulator: Emulator;
let conn: Connection;
let opportunityIds: string[];
const open: Subscriber[] = [];

beforeAll(async () => {
  emulator = await startEmulator({
    now: () => new Date(clock),
    today: new Date('2026-03-02T00:00:00Z'),
    sessionTimeoutMs: 30 * 24 * HOUR,
  });
  opportunityIds =
    emulator.store
      .dump()
      .objects.Opportunity?.slice(0, 5)
      .map((record) => record.Id) ?? [];
});
beforeEach(async () => {
  conn = await connect(emulator);
});
afterEach(async () => {
  for (const subscriber of open.splice(0)) subscriber.close();
  // Each test starts with no client left over, so deliveries are only its own.
  await expect.poll(() => emulator.streaming.clientCount).toBe(0);
});
afterAll(() => emulator.close());

async function listen(channel: string, replayId: number | null = -1, connection = conn): Promise<Subscriber> {
  const subscriber = subscribe(connection, channel, replayId);
  open.push(subscriber);
  await subscriber.subscribed;
  return subscriber;
}

/** Renames an opportunity through REST; returns the replay id its change event got. */
async function rename(index: number, name: string): Promise<number> {
  await conn.sobject('Opportunity').update({ Id: opportunityIds[index] as string, Name: name });
  return emulator.changeEvents.lastReplayId;
}

const names = (events: EventData[]) => events.map((event) => event.payload.Name);
const OPPORTUNITIES = '/data/OpportunityChangeEvent';

describe('replay', () => {
  it('-2 replays every retained event; a replay id only the events after it, then new ones', async () => {
    const first = await rename(0, 'replay-1');
    await rename(1, 'replay-2');
    await rename(2, 'replay-3');
    const all = await listen(OPPORTUNITIES, -2);
    await expect.poll(() => names(all.events).slice(-3)).toEqual(['replay-1', 'replay-2', 'replay-3']);

    const later = await listen(OPPORTUNITIES, first);
    await expect.poll(() => names(later.events)).toEqual(['replay-2', 'replay-3']);
    await rename(3, 'replay-4');
    await expect.poll(() => names(later.events)).toEqual(['replay-2', 'replay-3', 'replay-4']);
    expect(later.replayIds()).toEqual([first + 1, first + 2, first + 3]);

    const fresh = await listen(OPPORTUNITIES, -1);
    await rename(4, 'replay-5');
    await expect.poll(() => names(fresh.events)).toEqual(['replay-5']);
  });

  it("refuses a replay id it never issued with Salesforce's error", async () => {
    const bogus = emulator.changeEvents.lastReplayId + 1000;
    const refused = subscribe(conn, OPPORTUNITIES, bogus);
    open.push(refused);
    await rejection(refused.subscribed);
    expect(refused.meta.find((message) => message.channel === '/meta/subscribe')).toMatchObject({
      successful: false,
      error: `400::The replayId {${bogus}} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`,
    });
  });

  it('forgets events past the retention window (72 hours): -2 skips them and their ids are refused', async () => {
    const old = await rename(0, 'before-the-window');
    clock += 72 * HOUR + 1;
    await rename(1, 'inside-the-window');
    const all = await listen(OPPORTUNITIES, -2);
    await expect.poll(() => names(all.events)).toEqual(['inside-the-window']);
    const expired = subscribe(conn, OPPORTUNITIES, old);
    open.push(expired);
    expect(String((await rejection(expired.subscribed)).message)).toContain(
      `The replayId {${old}} you provided was invalid`,
    );
  });

  it('a retention by event count (for tests) drops the oldest events', async () => {
    expect((await admin(emulator, '/streaming', 'PUT', { maxRetainedEvents: 2 })).status).toBe(200);
    try {
      const first = await rename(0, 'count-1');
      const second = await rename(1, 'count-2');
      await rename(2, 'count-3');
      const status = (await (await admin(emulator, '/streaming')).json()) as {
        retained: number;
        oldestReplayId: number;
      };
      expect(status).toMatchObject({ retained: 2, oldestReplayId: second });
      await rejection(listen(OPPORTUNITIES, first));
      const after = await listen(OPPORTUNITIES, second);
      await expect.poll(() => names(after.events)).toEqual(['count-3']);
    } finally {
      await admin(emulator, '/streaming', 'PUT', { maxRetainedEvents: null });
    }
  });
});

describe('authentication', () => {
  it("an invalid token fails the handshake the way jsforce's AuthFailure extension recognises", async () => {
    const stranger = new jsforce.Connection({
      instanceUrl: emulator.url,
      accessToken: '00Dbogus!token',
      version: '62.0',
    });
    const refused = subscribe(stranger, OPPORTUNITIES);
    open.push(refused);
    await expect.poll(() => refused.authFailures.length).toBe(1);
    expect(refused.authFailures[0]).toMatchObject({
      channel: '/meta/handshake',
      successful: false,
      error: '403::Handshake denied',
      advice: { reconnect: 'none' },
      ext: { sfdc: { failureReason: '401::Authentication invalid' } },
    });
  });

  it('answers raw Bayeux: versions before 37.0 and a missing token are refused in the handshake', async () => {
    const bayeux = async (version: string, headers: Record<string, string>, message: Record<string, unknown>) => {
      const response = await fetch(`${emulator.url}/cometd/${version}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify([message]),
      });
      return ((await response.json()) as Record<string, unknown>[])[0] as Record<string, unknown>;
    };
    const handshake = (version: string, headers: Record<string, string>) =>
      bayeux(version, headers, {
        channel: '/meta/handshake',
        version: '1.0',
        supportedConnectionTypes: ['long-polling'],
      });
    const auth = { authorization: `OAuth ${conn.accessToken}` };
    const accepted = await handshake('62.0', auth);
    expect(accepted).toMatchObject({
      successful: true,
      supportedConnectionTypes: ['long-polling'],
      ext: { replay: true },
    });
    const bye = await bayeux('62.0', auth, { channel: '/meta/disconnect', clientId: accepted.clientId });
    expect(bye).toMatchObject({ successful: true });
    expect(await handshake('36.0', auth)).toMatchObject({
      successful: false,
      error:
        "400::Unsupported API version. Only API versions '37.0' and later are supported. URI format: '/cometd/64.0'",
    });
    expect(await handshake('62.0', {})).toMatchObject({
      error: '403::Handshake denied',
      ext: { sfdc: { failureReason: '401::Request requires authentication' } },
    });
  });

  it('a session expiring mid-stream gets 401::Authentication invalid on the next connect', async () => {
    const stream = await listen(OPPORTUNITIES);
    await rename(0, 'before-expiry');
    await expect.poll(() => names(stream.events)).toEqual(['before-expiry']);
    const expired = (await (await admin(emulator, '/faults/streaming/expire-sessions', 'POST')).json()) as {
      expired: number;
    };
    expect(expired.expired).toBeGreaterThan(0);
    await expect.poll(() => stream.authFailures.length).toBe(1);
    expect(stream.authFailures[0]).toMatchObject({
      channel: '/meta/connect',
      successful: false,
      error: '401::Authentication invalid',
      advice: { reconnect: 'none' },
    });
    await expect.poll(() => emulator.streaming.clientCount).toBe(0);
  });
});

describe('fault injection', () => {
  it('gap events: GAP_ kinds for given records, and GAP_OVERFLOW', async () => {
    const stream = await listen(OPPORTUNITIES);
    const ids = opportunityIds.slice(0, 2);
    const gap = await admin(emulator, '/faults/streaming/gap', 'POST', {
      object: 'Opportunity',
      changeType: 'DELETE',
      recordIds: ids,
    });
    expect(await gap.json()).toMatchObject({ channel: OPPORTUNITIES, changeType: 'GAP_DELETE', recordIds: ids });
    await admin(emulator, '/faults/streaming/overflow', 'POST', { object: 'Opportunity' });
    await expect.poll(() => stream.events.length).toBe(2);
    const [gapEvent, overflow] = stream.events as [EventData, EventData];
    expect(header(gapEvent)).toMatchObject({ entityName: 'Opportunity', changeType: 'GAP_DELETE', recordIds: ids });
    expect(Object.keys(gapEvent.payload)).toEqual(['ChangeEventHeader']);
    expect(header(overflow)).toMatchObject({ entityName: 'Opportunity', changeType: 'GAP_OVERFLOW', recordIds: [] });
    expect((await admin(emulator, '/faults/streaming/gap', 'POST', { object: 'Nope' })).status).toBe(400);
  });

  it('a dropped subscriber handshakes again and, replaying from its last id, misses nothing', async () => {
    const stream = await listen(OPPORTUNITIES);
    const a = await rename(0, 'drop-a');
    await expect.poll(() => names(stream.events)).toEqual(['drop-a']);
    const dropped = (await (await admin(emulator, '/faults/streaming/drop-subscribers', 'POST')).json()) as {
      dropped: number;
    };
    expect(dropped.dropped).toBeGreaterThan(0);
    const b = await rename(1, 'drop-b');
    await expect.poll(() => stream.meta.some((message) => message.error === '403::Unknown client')).toBe(true);
    await expect.poll(() => names(stream.events)).toEqual(['drop-a', 'drop-b']);
    const c = await rename(2, 'drop-c');
    await expect.poll(() => names(stream.events)).toEqual(['drop-a', 'drop-b', 'drop-c']);
    expect(stream.replayIds()).toEqual([a, b, c]);
    expect(stream.meta.filter((message) => message.channel === '/meta/handshake' && message.successful)).toHaveLength(
      2,
    );
  });
});

describe('limits', () => {
  async function delivered(): Promise<{ Max: number; Remaining: number }> {
    const limits =
      await conn.request<Record<string, { Max: number; Remaining: number }>>('/services/data/v62.0/limits');
    return limits.DailyDeliveredPlatformEvents as { Max: number; Remaining: number };
  }

  it('every event delivered to every client counts against DailyDeliveredPlatformEvents', async () => {
    const before = await delivered();
    const one = await listen(OPPORTUNITIES);
    const two = await listen('/data/ChangeEvents');
    await rename(0, 'count-me-1');
    await rename(1, 'count-me-2');
    await expect.poll(() => one.events.length + two.events.length).toBe(4);
    expect(await delivered()).toEqual({ Max: before.Max, Remaining: before.Remaining - 4 });
  });

  it('once the allocation is spent, events stay in the bus and connects are refused', async () => {
    const stream = await listen(OPPORTUNITIES);
    emulator.limits.consume('DailyDeliveredPlatformEvents', emulator.limits.remaining('DailyDeliveredPlatformEvents'));
    const held = await rename(0, 'over-the-limit');
    await expect.poll(() => stream.authFailures.length).toBe(1);
    expect(stream.authFailures[0]).toMatchObject({
      channel: '/meta/connect',
      error: '403::Organization total events daily limit exceeded',
    });
    expect(stream.events).toHaveLength(0);
    emulator.limits.reset();
    const retry = await listen(OPPORTUNITIES, held - 1);
    await expect.poll(() => names(retry.events)).toEqual(['over-the-limit']);
  });
});

/**
 * A change event subscriber built the way a real integration builds one: jsforce's streaming
 * client (`conn.streaming.createClient`) with its Replay and AuthFailure extensions, plus a
 * recording extension so tests can see the raw Bayeux messages (channels, meta answers).
 */
import type { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/lib/api/streaming.js';
import type { ChangeEventHeader, ChangeEventMessage } from '../../src/index.js';

export type EventData = ChangeEventMessage['data'];

interface RawMessage {
  channel: string;
  successful?: boolean;
  error?: string;
  advice?: { reconnect?: string };
  ext?: { sfdc?: { failureReason?: string }; replay?: unknown };
  data?: EventData;
  subscription?: string;
}

export interface Subscriber {
  /** Event payloads in arrival order (what the subscription callback received). */
  events: EventData[];
  /** Every message received on a `/data/…` channel, with its channel. */
  deliveries: { channel: string; data: EventData }[];
  /** Meta answers (handshake, connect, subscribe) as they arrived. */
  meta: RawMessage[];
  /** Messages jsforce's AuthFailure extension reported. */
  authFailures: RawMessage[];
  /** Resolves once subscribed; rejects with faye's error when Salesforce refuses. */
  subscribed: Promise<void>;
  replayIds(): number[];
  close(): void;
}

/** faye's client as jsforce hands it out (jsforce's typings leave out these methods faye's client has). */
export type StreamingClient = ReturnType<Connection['streaming']['createClient']> & {
  disconnect(): void;
  publish(channel: string, data: unknown): PromiseLike<unknown>;
};

export function createClient(conn: Connection, extensions: unknown[] = []): StreamingClient {
  return conn.streaming.createClient(extensions) as StreamingClient;
}

export function header(event: EventData): ChangeEventHeader {
  return event.payload.ChangeEventHeader;
}

/** Subscribes `conn` to `channel`, replaying from `replayId` (-1 new only, -2 all retained, or an id). */
export function subscribe(conn: Connection, channel: string, replayId: number | null = -1): Subscriber {
  const events: EventData[] = [];
  const deliveries: Subscriber['deliveries'] = [];
  const meta: RawMessage[] = [];
  const authFailures: RawMessage[] = [];
  const recorder = {
    incoming(message: RawMessage, callback: (message: RawMessage) => void) {
      if (message.channel.startsWith('/meta/')) meta.push(message);
      else if (message.data) deliveries.push({ channel: message.channel, data: message.data });
      callback(message);
    },
  };
  const authFailure = new StreamingExtension.AuthFailure((message: RawMessage) => authFailures.push(message));
  const replay = new StreamingExtension.Replay(channel, replayId);
  const client = createClient(conn, [recorder, authFailure, replay]);
  const subscription = client.subscribe(channel, (data: EventData) => events.push(data));
  const subscribed = new Promise<void>((resolve, reject) => subscription.then(resolve, reject));
  subscribed.catch(() => undefined);
  return {
    events,
    deliveries,
    meta,
    authFailures,
    subscribed,
    replayIds: () => events.map((event) => event.event.replayId),
    close: () => client.disconnect(),
  };
}

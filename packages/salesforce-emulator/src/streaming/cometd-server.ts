/**
 * The Streaming API's Bayeux endpoint, `/cometd/<version>`, serving change event channels the way
 * Salesforce does, so jsforce's streaming client (`conn.streaming.createClient`, with
 * `StreamingExtension.Replay` and `AuthFailure`) runs against it unchanged.
 *
 * The Bayeux protocol itself (handshake, long-polling connect, subscribe, client timeouts,
 * per-client queues) is faye's server — the library jsforce's client is built on. What this module
 * adds are faye server extensions that make it Salesforce:
 * - the OAuth session (`Authorization: OAuth <token>` on every request) is checked on handshake
 *   (`403::Handshake denied` with `ext.sfdc.failureReason = 401::Authentication invalid`), connect
 *   and subscribe (`401::Authentication invalid`, advice `reconnect: none`, which fires jsforce's
 *   AuthFailure extension); sessions are re-checked while clients wait, as Salesforce does;
 * - only long-polling; the handshake advertises `ext.replay`, which turns jsforce's Replay on;
 * - only existing change event channels can be subscribed, never published to;
 * - the subscribe message's `ext.replay[channel]` (-1, -2 or a replay id) replays retained events
 *   before new ones; an id outside the retention window gets Salesforce's 400 error;
 * - each delivered event counts against `DailyDeliveredPlatformEvents`;
 * - a client the server no longer knows gets `403::Unknown client` (advice: handshake again).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { Limits } from '../limits.js';
import type { SessionStore } from '../oauth/sessions.js';
import { isServedVersion, LATEST_API_VERSION } from '../rest/versions-route.js';
import { ALL_CHANGE_EVENTS, type ChangeEvents, type RetainedEvent } from './change-events.js';
import { type BayeuxMessage, createEngineType, type EmulatorEngine } from './faye-engine.js';

const require = createRequire(import.meta.url);
const faye = require('faye') as { NodeAdapter: new (options: Record<string, unknown>) => FayeAdapter };

interface FayeAdapter {
  handle(request: IncomingMessage, response: ServerResponse): void;
  addExtension(extension: unknown): void;
  close(): void;
}

type Next = (message: BayeuxMessage | null) => void;

/** Salesforce serves CometD from API 37.0 on (older versions are refused in the handshake). */
const MIN_STREAMING_VERSION = 37;
const DELIVERY_LIMIT = 'DailyDeliveredPlatformEvents';

export const StreamingErrors = {
  handshakeDenied: '403::Handshake denied',
  authInvalid: '401::Authentication invalid',
  authMissing: '401::Request requires authentication',
  unknownClient: '403::Unknown client',
  dailyLimit: '403::Organization total events daily limit exceeded',
  unknownChannel: (channel: string) => `400::The channel you requested to subscribe to does not exist {${channel}}`,
  invalidReplay: (replayId: unknown) =>
    `400::The replayId {${String(replayId)}} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`,
  unsupportedVersion: `400::Unsupported API version. Only API versions '${MIN_STREAMING_VERSION}.0' and later are supported. URI format: '/cometd/${LATEST_API_VERSION}'`,
  publishDenied: (channel: string) => `403:${channel}:Publish denied`,
} as const;

export interface StreamingDeps {
  sessions: SessionStore;
  userExists(userId: string): boolean;
  changeEvents: ChangeEvents;
  limits: Limits;
  /** How long a `/meta/connect` is held open without events (Salesforce: 110 s). */
  longPollTimeoutMs?: number;
  /** How often held connections re-check their session (default 10 s; 0 turns the timer off). */
  sessionCheckMs?: number;
}

export class StreamingServer {
  private readonly adapter: FayeAdapter;
  private engine: EmulatorEngine | undefined;
  /** Handshaken clients and the access token each one came with. */
  private readonly clients = new Map<string, string>();
  /** Replays validated on the way in, delivered once the subscription is in place. */
  private readonly pendingReplays = new Map<string, RetainedEvent[]>();
  private readonly handshakeFailures = new WeakMap<IncomingMessage, string>();
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly stopPublishing: () => void;

  constructor(private readonly deps: StreamingDeps) {
    this.adapter = new faye.NodeAdapter({
      mount: '/cometd',
      timeout: (deps.longPollTimeoutMs ?? 110_000) / 1000,
      engine: {
        type: createEngineType((engine) => {
          this.engine = engine;
          engine.onDestroy = (clientId) => this.clients.delete(clientId);
        }),
      },
    });
    this.adapter.addExtension({
      incoming: (message: BayeuxMessage, request: IncomingMessage | null, next: Next) =>
        next(this.incoming(message, request)),
      outgoing: (message: BayeuxMessage, request: IncomingMessage | null, next: Next) =>
        next(this.outgoing(message, request)),
    });
    this.stopPublishing = deps.changeEvents.onPublish((events) => this.publish(events));
    const every = deps.sessionCheckMs ?? 10_000;
    if (every > 0) {
      this.timer = setInterval(() => this.checkSessions(), every);
      this.timer.unref();
    }
  }

  /** The express handler for `/cometd/:version`. */
  handle(request: IncomingMessage, response: ServerResponse): void {
    this.adapter.handle(request, response);
  }

  /** Clients currently known to the server (handshaken and not timed out or dropped). */
  get clientCount(): number {
    return this.clients.size;
  }

  /**
   * Fault: the server forgets every client (as after a server restart or a network cut long
   * enough for client timeouts). Held connects return at once; each client's next connect gets
   * `403::Unknown client` and it handshakes and subscribes again (with its Replay extension's id).
   */
  dropSubscribers(): number {
    const ids = [...this.clients.keys()];
    for (const clientId of ids) this.engine?.destroyClient(clientId);
    return ids.length;
  }

  /**
   * Fault: every access token dies mid-stream. Held connects return at once so each client's next
   * connect is refused with `401::Authentication invalid` (and `reconnect: none`).
   */
  expireSessions(): number {
    const expired = this.deps.sessions.expireAll();
    this.checkSessions();
    return expired;
  }

  /** Sends held connects of clients whose session has ended back, so the refusal comes now. */
  checkSessions(): void {
    for (const [clientId, token] of this.clients) {
      if (!this.validToken(token)) this.engine?.flush(clientId);
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.stopPublishing();
    this.adapter.close();
    this.clients.clear();
  }

  private publish(events: RetainedEvent[]): void {
    for (const event of events) {
      this.engine?.publishTo(event.channel, event.message.data);
      this.engine?.publishTo(ALL_CHANGE_EVENTS, event.message.data);
    }
  }

  private incoming(message: BayeuxMessage, request: IncomingMessage | null): BayeuxMessage {
    if (request === null) return message;
    const channel = message.channel ?? '';
    if (channel === '/meta/handshake') {
      const failure = supportedVersion(request) ? this.authFailure(request) : StreamingErrors.unsupportedVersion;
      if (failure) {
        message.error = failure.startsWith('401') ? StreamingErrors.handshakeDenied : failure;
        this.handshakeFailures.set(request, failure);
      }
    } else if (channel === '/meta/connect') {
      const failure = this.authFailure(request);
      if (failure) {
        message.error = failure;
        const clientId = message.clientId;
        // After faye has answered (it would otherwise report the client as unknown instead).
        if (clientId) queueMicrotask(() => this.engine?.destroyClient(clientId));
      } else if (this.deps.limits.remaining(DELIVERY_LIMIT) <= 0) {
        message.error = StreamingErrors.dailyLimit;
      }
    } else if (channel === '/meta/subscribe') {
      const failure = this.subscribeFailure(message, request);
      if (failure) message.error = failure;
    } else if (!channel.startsWith('/meta/')) {
      message.error = StreamingErrors.publishDenied(channel);
    }
    return message;
  }

  private subscribeFailure(message: BayeuxMessage, request: IncomingMessage): string | undefined {
    const failure = this.authFailure(request);
    if (failure) return failure;
    const channel = message.subscription;
    if (typeof channel !== 'string' || !this.deps.changeEvents.isChannel(channel)) {
      return StreamingErrors.unknownChannel(String(channel));
    }
    const replay = (message.ext?.replay as Record<string, unknown> | undefined)?.[channel];
    const replayId = replay === undefined || replay === null ? -1 : Number(replay);
    const events = Number.isSafeInteger(replayId) ? this.deps.changeEvents.replayFrom(channel, replayId) : undefined;
    if (!events) return StreamingErrors.invalidReplay(replay);
    this.pendingReplays.set(`${message.clientId}\n${channel}`, events);
    return undefined;
  }

  private outgoing(message: BayeuxMessage, request: IncomingMessage | null): BayeuxMessage | null {
    const channel = message.channel ?? '';
    if (channel === '/meta/handshake') {
      const failure = request ? this.handshakeFailures.get(request) : undefined;
      if (failure) {
        message.ext = { sfdc: { failureReason: failure }, replay: true };
        message.advice = { reconnect: 'none' };
      } else if (message.successful && message.clientId && request) {
        message.supportedConnectionTypes = ['long-polling'];
        message.ext = { replay: true, 'payload.format': true };
        message.minimumVersion = '1.0';
        this.clients.set(message.clientId, tokenOf(request) ?? '');
      }
    } else if (channel === '/meta/connect' || channel === '/meta/subscribe' || channel === '/meta/unsubscribe') {
      this.answerMeta(message);
    } else if (channel.startsWith('/data/') && message.data !== undefined) {
      // An event on its way to a client: that is a delivery, counted against the daily allocation.
      if (!this.deps.limits.consume(DELIVERY_LIMIT)) return null;
    }
    return message;
  }

  private answerMeta(message: BayeuxMessage): void {
    const error = message.error ?? '';
    if (/^401:[^:]*:Unknown client$/.test(error)) {
      message.error = StreamingErrors.unknownClient;
      message.advice = { reconnect: 'handshake', interval: 0 };
      return;
    }
    if (message.channel === '/meta/connect' && (error.startsWith('401::') || error === StreamingErrors.dailyLimit)) {
      message.advice = { reconnect: 'none', interval: 0 };
      return;
    }
    if (message.channel !== '/meta/subscribe') return;
    const key = `${message.clientId}\n${String(message.subscription)}`;
    const replay = this.pendingReplays.get(key);
    this.pendingReplays.delete(key);
    if (message.successful && replay && message.clientId) {
      // Faye has subscribed the client (synchronously, in this same turn): replayed events go
      // into its queue ahead of any event published from now on.
      const subscription = String(message.subscription);
      this.engine?.enqueue(
        message.clientId,
        replay.map((event) => ({ channel: subscription, data: event.message.data })),
      );
    }
  }

  private authFailure(request: IncomingMessage): string | undefined {
    const token = tokenOf(request);
    if (!token) return StreamingErrors.authMissing;
    return this.validToken(token) ? undefined : StreamingErrors.authInvalid;
  }

  private validToken(token: string): boolean {
    const session = token ? this.deps.sessions.find(token) : undefined;
    return session !== undefined && this.deps.userExists(session.userId);
  }
}

function tokenOf(request: IncomingMessage): string | undefined {
  return /^(?:Bearer|OAuth)\s+(\S+)/i.exec(request.headers.authorization ?? '')?.[1];
}

function supportedVersion(request: IncomingMessage): boolean {
  const version = /^\/cometd\/v?(\d+\.\d)(?:[/?]|$)/.exec(request.url ?? '')?.[1];
  return version !== undefined && isServedVersion(`v${version}`) && Number(version) >= MIN_STREAMING_VERSION;
}

/**
 * Faye's in-memory engine (which keeps clients, subscriptions and per-client message queues) with
 * the few things the Streaming API needs on top, through faye's engine plug-in point
 * (`engine: { type }`, the interface faye-redis implements):
 * - `enqueue`: events for one client only (a subscription's replay), delivered ahead of anything
 *   published after them, held like other queued messages while the client is between connects;
 * - `publishTo`: an event on one channel, to that channel's subscribers;
 * - `flush`: answer a client's held `/meta/connect` now;
 * - `onDestroy`: told when a client is gone (disconnect, timeout, dropped).
 *
 * faye is pinned to an exact version (package.json), since the engine base class is its own.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A Bayeux message as faye handles it. */
export interface BayeuxMessage {
  channel?: string;
  clientId?: string;
  id?: string;
  subscription?: unknown;
  successful?: boolean;
  error?: string;
  advice?: Record<string, unknown>;
  ext?: Record<string, unknown>;
  data?: unknown;
  supportedConnectionTypes?: string[];
  minimumVersion?: string;
}

/** faye's engine proxy (`Faye.Engine.Proxy`): connections, delivery, flushing. */
interface EngineProxy {
  hasConnection(clientId: string): boolean;
  deliver(clientId: string, messages: BayeuxMessage[]): boolean;
  flushConnection(clientId: string, close?: boolean): void;
}

interface MemoryEngine {
  destroyClient(clientId: string, callback?: () => void, context?: unknown): void;
  emptyQueue(clientId: string): void;
  publish(message: BayeuxMessage, channels: string[]): void;
}

type MemoryConstructor = new (server: EngineProxy, options: unknown) => MemoryEngine;

const Memory = require('faye/src/engines/memory.js') as MemoryConstructor;

export interface EmulatorEngine {
  enqueue(clientId: string, messages: BayeuxMessage[]): void;
  publishTo(channel: string, data: unknown): void;
  flush(clientId: string): void;
  destroyClient(clientId: string): void;
  onDestroy: ((clientId: string) => void) | undefined;
}

/** The `engine.type` option for faye's server; `created` receives the engine faye builds. */
export function createEngineType(created: (engine: EmulatorEngine) => void): {
  create(server: EngineProxy, options: unknown): MemoryEngine;
} {
  class StreamingEngine extends Memory implements EmulatorEngine {
    private readonly replays = new Map<string, BayeuxMessage[]>();
    onDestroy: ((clientId: string) => void) | undefined;

    constructor(
      private readonly proxy: EngineProxy,
      options: unknown,
    ) {
      super(proxy, options);
    }

    enqueue(clientId: string, messages: BayeuxMessage[]): void {
      if (messages.length === 0) return;
      this.replays.set(clientId, [...(this.replays.get(clientId) ?? []), ...messages]);
      this.emptyQueue(clientId);
    }

    publishTo(channel: string, data: unknown): void {
      this.publish({ channel, data }, [channel]);
    }

    flush(clientId: string): void {
      this.proxy.flushConnection(clientId);
    }

    override emptyQueue(clientId: string): void {
      const replay = this.replays.get(clientId);
      if (replay && this.proxy.hasConnection(clientId)) {
        this.replays.delete(clientId);
        this.proxy.deliver(clientId, replay);
      }
      super.emptyQueue(clientId);
    }

    override destroyClient(clientId: string, callback?: () => void, context?: unknown): void {
      this.replays.delete(clientId);
      super.destroyClient(clientId, callback, context);
      this.onDestroy?.(clientId);
    }
  }
  return {
    create(server, options) {
      const engine = new StreamingEngine(server, options);
      created(engine);
      return engine;
    },
  };
}

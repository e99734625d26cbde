/**
 * Changes that must be all-or-nothing, with their audit entry, and right about "before" even when
 * two admins (or two API processes) save at once: optimistic transactions. The keys a change
 * depends on are WATCHed, read, the change is decided, and one MULTI writes it with its audit
 * entry; if any watched key moved meanwhile, EXEC does nothing and the change is decided again.
 *
 * WATCH belongs to a connection, so these run one at a time on a connection of their own (reads
 * may use any connection: WATCH sees writes by every client). Admin changes are rare; serializing
 * them in one process costs nothing that matters.
 */
import type { ChainableCommander, Redis } from 'ioredis';

/** What one attempt decided: nothing to write (`done`), or the writes and the value to return. */
export type Decision<T> = { done: T } | { write: (multi: ChainableCommander) => void; value: T };

const MAX_ATTEMPTS = 20;

export class ConcurrentChangeError extends Error {
  readonly code = 'CONCURRENT_CHANGE';
  constructor() {
    super(`the data kept changing during ${MAX_ATTEMPTS} attempts; try again`);
  }
}

export class Transactions {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly connection: Redis) {}

  run<T>(watch: string[], decide: () => Promise<Decision<T>>): Promise<T> {
    const result = this.queue.then(() => this.attempt(watch, decide));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async attempt<T>(watch: string[], decide: () => Promise<Decision<T>>): Promise<T> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      await this.connection.watch(...watch);
      let decision: Decision<T>;
      try {
        decision = await decide();
      } catch (error) {
        await this.connection.unwatch();
        throw error;
      }
      if ('done' in decision) {
        await this.connection.unwatch();
        return decision.done;
      }
      const multi = this.connection.multi();
      decision.write(multi);
      const results = await multi.exec();
      if (results === null) continue; // a watched key moved: decide again
      for (const [error] of results) if (error) throw error;
      return decision.value;
    }
    throw new ConcurrentChangeError();
  }

  async close(): Promise<void> {
    await this.queue;
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}

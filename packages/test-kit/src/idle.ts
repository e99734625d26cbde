/** Waits until a namespace has no queued or running work and nothing dirty or pending in the store. */
import type { AttainQueues, Store } from '@attain/store';

/** A worker's store and queues: a running worker's `context`, or the stack's. */
export interface WorkSources {
  readonly store: Store;
  readonly queues: AttainQueues;
}

// BullMQ 6 keeps a paused queue's jobs in 'waiting': there is no separate 'paused' state to count.
const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

export async function busyCount(context: WorkSources): Promise<number> {
  const { queues, store } = context;
  let busy = 0;
  for (const queue of [queues.sync, queues.compute, queues.writeback]) {
    const counts = await queue.getJobCounts(...STATES);
    for (const state of STATES) busy += counts[state] ?? 0;
  }
  // The schedule's next tick waits as a delayed job (made by a job scheduler): that is not work in hand.
  busy -= (await queues.sync.getDelayed()).filter(
    (job) => job.repeatJobKey || String(job.id).startsWith('repeat:'),
  ).length;
  busy += (await store.deals.dirtyKeys()).length;
  busy += (await store.statements.pendingWriteback()).length;
  return busy;
}

export async function waitForIdle(context: WorkSources, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietRounds = 0;
  while (Date.now() < deadline) {
    quietRounds = (await busyCount(context)) === 0 ? quietRounds + 1 : 0;
    // Two quiet looks in a row: a job that finished between counting two queues is not missed.
    if (quietRounds >= 2) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`still busy after ${timeoutMs} ms: ${JSON.stringify(await busyDetail(context))}`);
}

/** What is still busy, for a timeout's message. */
export async function busyDetail(context: WorkSources): Promise<Record<string, unknown>> {
  const { queues, store } = context;
  const detail: Record<string, unknown> = {};
  for (const queue of [queues.sync, queues.compute, queues.writeback]) {
    detail[queue.name] = await queue.getJobCounts(...STATES, 'failed');
  }
  detail.dirty = (await store.deals.dirtyKeys()).length;
  detail.pendingWriteback = (await store.statements.pendingWriteback()).length;
  return detail;
}

/**
 * The worker's queues. BullMQ refuses `:` in a queue name, so the braces go in the key prefix:
 * queue `sync` under prefix `{attain}` keeps its keys at `{attain}:sync:…`, and the braces make
 * every key of every queue hash to one Redis Cluster slot (BullMQ's Lua scripts need that).
 */
export const QueueName = {
  sync: 'sync',
  compute: 'compute',
  writeback: 'writeback',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** `{attain}`: the BullMQ key prefix for a namespace. */
export function queuePrefix(namespace: string): string {
  return `{${namespace}}`;
}

/** `{attain}:sync`: where a queue's keys live, as the architecture names it. */
export function queueKeyBase(namespace: string, queue: QueueName): string {
  return `${queuePrefix(namespace)}:${queue}`;
}

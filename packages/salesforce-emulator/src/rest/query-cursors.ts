/**
 * Open query cursors behind `nextRecordsUrl` (`…/query/01g…-2000`). Like Salesforce's, a cursor
 * expires after 15 minutes without use, a user keeps at most 10 open (opening another drops the
 * least recently used), and a cursor is gone once its last page has been read. The locator's
 * suffix is the offset of the next record, so a page may be requested again while the cursor lives.
 */
import { to18 } from '../ids.js';

export interface Cursor {
  id: string;
  userId: string;
  records: Record<string, unknown>[];
  totalSize: number;
  batchSize: number;
  lastUsed: number;
}

export const CURSOR_IDLE_MS = 15 * 60 * 1000;
export const MAX_CURSORS_PER_USER = 10;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();
  private counter = 0;

  constructor(private readonly now: () => number = Date.now) {}

  open(userId: string, records: Record<string, unknown>[], totalSize: number, batchSize: number): Cursor {
    this.sweep();
    const mine = [...this.cursors.values()].filter((cursor) => cursor.userId === userId);
    if (mine.length >= MAX_CURSORS_PER_USER) {
      mine.sort((a, b) => a.lastUsed - b.lastUsed);
      for (const stale of mine.slice(0, mine.length - MAX_CURSORS_PER_USER + 1)) this.cursors.delete(stale.id);
    }
    const cursor: Cursor = { id: this.nextId(), userId, records, totalSize, batchSize, lastUsed: this.now() };
    this.cursors.set(cursor.id, cursor);
    return cursor;
  }

  /** The live cursor named by a locator (`01g…-2000`) and the offset it asks for, if valid. */
  resolve(locator: string): { cursor: Cursor; offset: number } | undefined {
    this.sweep();
    const match = /^([a-zA-Z0-9]{15,18})-(\d+)$/.exec(locator);
    if (!match) return undefined;
    const cursor = this.cursors.get(match[1] as string);
    const offset = Number(match[2]);
    if (!cursor || offset > cursor.records.length) return undefined;
    cursor.lastUsed = this.now();
    return { cursor, offset };
  }

  close(id: string): void {
    this.cursors.delete(id);
  }

  clear(): void {
    this.cursors.clear();
  }

  get size(): number {
    return this.cursors.size;
  }

  private sweep(): void {
    const cutoff = this.now() - CURSOR_IDLE_MS;
    for (const [id, cursor] of this.cursors) if (cursor.lastUsed < cutoff) this.cursors.delete(id);
  }

  private nextId(): string {
    let n = ++this.counter;
    let digits = '';
    for (let i = 0; i < 10; i++) {
      digits = BASE62[n % 62] + digits;
      n = Math.floor(n / 62);
    }
    return to18(`01g5g${digits}`);
  }
}

/**
 * ORDER BY: each row's sort keys are computed once (a datetime parse per row, not per comparison),
 * then rows are ordered with ties kept in scan order, as Salesforce's are in practice.
 * Text sorts case-insensitively; picklists sort in their defined value order, as Salesforce's do.
 * Without NULLS FIRST/LAST, nulls come first ascending and last descending.
 */
import type { FieldSchema, SObjectRecord } from '../schema/types.js';
import type { OrderItem } from './ast.js';
import { type ResolveScope, resolveComparableField } from './field-resolver.js';
import { type Key, keyFunctionFor, parseDateTimeMs } from './field-values.js';

interface CompiledOrderItem {
  key: (row: SObjectRecord) => Key;
  descending: boolean;
  nullsFirst: boolean;
}

/**
 * Sorts rows; with `keep`, returns only the first `keep` of the sorted order (ORDER BY … LIMIT):
 * then a bounded heap picks them without sorting everything, which keeps keyset paging
 * (`WHERE SystemModstamp > :cursor ORDER BY SystemModstamp, Id LIMIT 2000`) cheap on large tables.
 */
export type RowSorter = (rows: SObjectRecord[], keep?: number) => SObjectRecord[];

export function compileOrder(items: OrderItem[], scope: ResolveScope): RowSorter | undefined {
  if (items.length === 0) return undefined;
  const compiled: CompiledOrderItem[] = items.map((item) => {
    const resolved = resolveComparableField(item.path, scope, 'sorted');
    const key = sortKeyFunction(resolved.field);
    const read = resolved.read;
    return {
      key: (row) => key(read(row)),
      descending: item.descending,
      nullsFirst: item.nullsFirst ?? !item.descending,
    };
  });
  return (rows, keep) => sortRows(rows, compiled, keep);
}

function sortRows(rows: SObjectRecord[], items: CompiledOrderItem[], keep: number | undefined): SObjectRecord[] {
  const count = rows.length;
  const selecting = keep !== undefined && keep < count / 4;
  // Keys are computed once per row and kept column by column; rows are then ordered by index.
  // Arrays are filled by push so V8 keeps them packed (a pre-sized array stays holey and slow).
  const columns = items.map((item) => {
    const column: Key[] = [];
    for (let i = 0; i < count; i++) column.push(item.key(rows[i]!));
    return column;
  });
  const compare = (a: number, b: number): number => {
    for (let c = 0; c < items.length; c++) {
      const column = columns[c]!;
      const left = column[a]!;
      const right = column[b]!;
      if (left === right) continue;
      const item = items[c]!;
      if (left === null) return item.nullsFirst ? -1 : 1;
      if (right === null) return item.nullsFirst ? 1 : -1;
      const order = left < right ? -1 : 1;
      return item.descending ? -order : order;
    }
    // Ties keep the scan order; this also makes the order total, so the heap path agrees with sort.
    return a - b;
  };
  let order: number[];
  if (selecting) {
    order = smallest(count, keep, compare);
  } else {
    order = [];
    for (let i = 0; i < count; i++) order.push(i);
    order.sort(compare);
    if (keep !== undefined && keep < count) order.length = keep;
  }
  const sorted: SObjectRecord[] = [];
  for (const index of order) sorted.push(rows[index]!);
  return sorted;
}

/** The `keep` smallest indexes under `compare`, sorted: a max-heap of the best so far. */
function smallest(count: number, keep: number, compare: (a: number, b: number) => number): number[] {
  const heap: number[] = [];
  const siftUp = (start: number) => {
    let child = start;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (compare(heap[child]!, heap[parent]!) <= 0) return;
      [heap[child], heap[parent]] = [heap[parent]!, heap[child]!];
      child = parent;
    }
  };
  const siftDown = () => {
    let parent = 0;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let largest = parent;
      if (left < heap.length && compare(heap[left]!, heap[largest]!) > 0) largest = left;
      if (right < heap.length && compare(heap[right]!, heap[largest]!) > 0) largest = right;
      if (largest === parent) return;
      [heap[parent], heap[largest]] = [heap[largest]!, heap[parent]!];
      parent = largest;
    }
  };
  if (keep === 0) return [];
  for (let i = 0; i < count; i++) {
    if (heap.length < keep) {
      heap.push(i);
      siftUp(heap.length - 1);
    } else if (compare(i, heap[0]!) < 0) {
      heap[0] = i;
      siftDown();
    }
  }
  return heap.sort(compare);
}

/** The comparison key for sorting: like filtering's, except booleans sort false first and picklists by definition. */
function sortKeyFunction(field: FieldSchema): (raw: unknown) => Key {
  const base = keyFunctionFor(field);
  // Numbers compare several times faster than the canonical strings filters use.
  if (field.type === 'datetime') return (raw) => (typeof raw === 'string' ? parseDateTimeMs(raw) : null);
  if (field.type === 'boolean') return (raw) => (base(raw) ? 1 : 0);
  if (field.type === 'picklist' && field.picklistValues && field.picklistValues.length > 0) {
    const position = new Map(field.picklistValues.map((entry, index) => [entry.value.toLowerCase(), index]));
    const unknown = field.picklistValues.length;
    return (raw) => {
      const value = base(raw);
      if (value === null) return null;
      return position.get(String(value).toLowerCase()) ?? unknown;
    };
  }
  return base;
}

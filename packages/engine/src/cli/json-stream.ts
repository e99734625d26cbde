import type { BufferedWriter } from './buffered-writer.js';

/**
 * How much nested data (array elements, counted two levels deep) one `JSON.stringify` call may take
 * on at once. Small elements (the lines of a statement) are stringified in batches of about this
 * many, which keeps the native serializer doing the work; a bigger element (a statement with
 * thousands of lines) is walked instead, so no single string ever holds a whole large document.
 */
const DEFAULT_BATCH_WEIGHT = 1024;

/**
 * Writes exactly the text of `JSON.stringify(value)` (compact) to `out`, piece by piece.
 * Plain objects and arrays are walked; anything else (strings, numbers, objects with `toJSON`,
 * class instances) goes through `JSON.stringify` itself, so the bytes cannot differ.
 */
export async function writeJson(
  out: BufferedWriter,
  value: object,
  batchWeight: number = DEFAULT_BATCH_WEIGHT,
): Promise<void> {
  await writeValue(out, value, batchWeight);
}

async function writeValue(out: BufferedWriter, value: unknown, batchWeight: number): Promise<void> {
  if (Array.isArray(value)) await writeArray(out, value, batchWeight);
  else if (isWalkableObject(value)) await writeObject(out, value, batchWeight);
  // Inside an array JSON.stringify writes undefined, functions and symbols as null.
  else await out.write(JSON.stringify(value) ?? 'null');
}

async function writeObject(out: BufferedWriter, value: Record<string, unknown>, batchWeight: number): Promise<void> {
  let separator = '{';
  for (const key of Object.keys(value)) {
    const child = value[key];
    // JSON.stringify leaves out properties it cannot represent.
    if (child === undefined || typeof child === 'function' || typeof child === 'symbol') continue;
    await out.write(`${separator}${JSON.stringify(key)}:`);
    separator = ',';
    await writeValue(out, child, batchWeight);
  }
  await out.write(separator === '{' ? '{}' : '}');
}

async function writeArray(out: BufferedWriter, items: unknown[], batchWeight: number): Promise<void> {
  await out.write('[');
  let index = 0;
  while (index < items.length) {
    if (index > 0) await out.write(',');
    const first = weight(items[index]);
    if (first > batchWeight) {
      await writeValue(out, items[index], batchWeight);
      index += 1;
      continue;
    }
    // Gather neighbours until the batch is heavy enough or a heavy element comes up.
    let end = index + 1;
    let total = first;
    while (end < items.length && total < batchWeight) {
      const next = weight(items[end]);
      if (next > batchWeight) break;
      total += next;
      end += 1;
    }
    const batch = JSON.stringify(index === 0 && end === items.length ? items : items.slice(index, end));
    await out.write(batch.slice(1, -1));
    index = end;
  }
  await out.write(']');
}

/** 1 + the number of array elements reachable within two levels: a cheap stand-in for serialized size. */
function weight(value: unknown, depth = 2): number {
  if (typeof value !== 'object' || value === null) return 1;
  if (Array.isArray(value)) {
    let total = 1 + value.length;
    if (depth > 1) {
      for (const item of value) {
        if (typeof item === 'object' && item !== null) total += weight(item, depth - 1) - 1;
      }
    }
    return total;
  }
  if (depth <= 1) return 1;
  let total = 1;
  for (const key in value) {
    const child = (value as Record<string, unknown>)[key];
    if (typeof child === 'object' && child !== null) total += weight(child, depth - 1);
  }
  return total;
}

/** Objects whose JSON text is just their own enumerable properties: safe to walk key by key. */
function isWalkableObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

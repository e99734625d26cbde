import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextIndex } from '../src/plan/text-index.js';

/** What a Map answers for the same sequence: the first position of each text, or -1 when new. */
function withMap(texts: readonly string[]): number[] {
  const map = new Map<string, number>();
  return texts.map((text, position) => {
    const first = map.get(text);
    if (first !== undefined) return first;
    map.set(text, position);
    return -1;
  });
}

function withIndex(texts: readonly string[], expected: number, hash?: (text: string) => number): number[] {
  const index = hash === undefined ? new TextIndex(expected) : new TextIndex(expected, hash);
  return texts.map((text, position) => index.firstOrAdd(text, position));
}

// Few distinct texts (many repeats), any text (unicode, empty), and sizes below and above the expected count.
const texts = fc.oneof(
  fc.array(fc.constantFrom('a', 'b', 'c', '006000000000001', '006000000000002', ''), { maxLength: 300 }),
  fc.array(fc.string({ unit: 'binary', maxLength: 8 }), { maxLength: 300 }),
);

describe('TextIndex', () => {
  it('answers exactly like a Map, whatever the table size it started with', () => {
    fc.assert(
      fc.property(texts, fc.integer({ min: 0, max: 400 }), (list, expected) => {
        expect(withIndex(list, expected)).toEqual(withMap(list));
      }),
      { numRuns: 300 },
    );
  });

  it('stays exact when hashes collide, and when every hash is the same (it falls back to a Map)', () => {
    fc.assert(
      fc.property(texts, (list) => {
        expect(withIndex(list, 4, (text) => text.length)).toEqual(withMap(list));
        expect(withIndex(list, 4, () => 7)).toEqual(withMap(list));
      }),
      { numRuns: 200 },
    );
    // Enough distinct texts under one hash to go past the probing budget.
    const many = Array.from({ length: 3000 }, (_, i) => `id-${i % 2000}`);
    expect(withIndex(many, many.length, () => 0)).toEqual(withMap(many));
  });
});

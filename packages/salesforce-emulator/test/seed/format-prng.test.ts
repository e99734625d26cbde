import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, slug } from '../../src/seed/format.js';
import { Prng } from '../../src/seed/prng.js';

describe('seed formats', () => {
  it('formats datetimes as Salesforce does, whole seconds or not', () => {
    expect(formatDateTime(Date.UTC(2026, 0, 31, 10, 0, 0))).toBe('2026-01-31T10:00:00.000+0000');
    expect(formatDateTime(Date.UTC(2025, 11, 31, 23, 59, 59, 7))).toBe('2025-12-31T23:59:59.007+0000');
    expect(formatDateTime(Date.UTC(2024, 1, 29, 0, 0, 1))).toBe('2024-02-29T00:00:01.000+0000');
    expect(formatDate(Date.UTC(2024, 1, 29, 23, 0))).toBe('2024-02-29');
  });

  it('makes ASCII slugs for usernames and domains', () => {
    expect(slug('Soo-ah')).toBe('sooah');
    expect(slug('Lefèvre')).toBe('lefevre');
    expect(slug(" O'Brien & Sons ", '_')).toBe('o_brien_sons');
  });
});

describe('Prng', () => {
  it('repeats for a seed and differs across seeds', () => {
    const draw = (seed: number) => {
      const rng = new Prng(seed);
      return Array.from({ length: 5 }, () => rng.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('stays in range and is roughly uniform and normal', () => {
    const rng = new Prng(1);
    const buckets = new Array(10).fill(0);
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < 50_000; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      buckets[Math.floor(u * 10)]++;
      const z = rng.normal();
      sum += z;
      squares += z * z;
    }
    for (const count of buckets) expect(Math.abs(count - 5000)).toBeLessThan(400);
    expect(Math.abs(sum / 50_000)).toBeLessThan(0.03);
    expect(Math.abs(squares / 50_000 - 1)).toBeLessThan(0.05);
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 7);
      expect(n >= 3 && n <= 7 && Number.isInteger(n)).toBe(true);
    }
  });
});

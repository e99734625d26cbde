// The v2 variant of the benchmark's year: a small one must validate, keep every v1 deal, and carry the
// v2 parts the benchmark claims (versions, 50 managers on a team plan, ~10 % cancelled, Q1–Q2 closed)
// — and computing it must give adjustments for the clawbacks of closed quarters.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateYear } from '../bench/generate.mjs';
import { generateV2Year, MANAGERS } from '../bench/generate-v2.mjs';
import { compute, validate } from '../src/index.js';
import { assertCliBuilt, REPO_ROOT } from './cli-fixtures.js';

let dir: string;

beforeAll(() => {
  assertCliBuilt(); // the generator computes the closed quarters with the built engine
  dir = mkdtempSync(join(tmpdir(), 'attain-bench-v2-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench/generate-v2.mjs', () => {
  it('derives a valid v2 year from the v1 year', async () => {
    const v1Path = join(dir, 'v1.json');
    await generateYear({ out: v1Path, deals: 3_000, reps: 100, seed: 3 });
    const out = join(dir, 'v2.json');
    const summary = await generateV2Year({
      v1Path,
      out,
      seed: 3,
      engineDist: join(REPO_ROOT, 'packages', 'engine', 'dist'),
    });
    const result = validate(JSON.parse(readFileSync(out, 'utf8')));
    if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
    const input = result.value;
    expect(input.deals).toHaveLength(3_000);
    expect(input.plans.map((p) => [p.id, p.from ?? null, p.credit ?? 'own'])).toEqual([
      ['ae-2026-quarterly', null, 'own'],
      ['ae-2026-quarterly', '2026-07-01', 'own'],
      ['manager-team-2026', null, 'team'],
    ]);
    expect(new Set(input.managers!.map((m) => m.managerId)).size).toBe(MANAGERS);
    const won = input.deals.filter((d) => d.won).length;
    const cancelled = input.deals.filter((d) => d.cancelDate !== undefined).length;
    expect(cancelled).toBe(summary.cancelledDeals);
    expect(cancelled / won).toBeGreaterThan(0.07);
    expect(cancelled / won).toBeLessThan(0.13);
    expect(new Set(input.closed!.map((c) => c.period))).toEqual(new Set(['2026-Q1', '2026-Q2']));
    const output = compute(input);
    expect(output.statements).toHaveLength(summary.expectedStatements);
    expect(output.statements.some((s) => s.lines.some((l) => l.kind === 'adjustment'))).toBe(true);
    expect(output.statements.some((s) => s.lines.some((l) => l.kind === 'draw'))).toBe(true);
  });
});

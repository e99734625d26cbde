import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, attain } from '../cli-fixtures.js';

/*
 * Plan-language v2 promises that a v1 document computes exactly as before. These files are the CLI's
 * outputs for the v1 example, recorded before any v2 code was written: every byte must stay the same.
 */

const golden = (name: string) => readFileSync(new URL(`./v1-outputs/${name}`, import.meta.url), 'utf8');
const EXAMPLE = 'packages/engine/examples/ae-2026.json';
const NEXT = 'packages/engine/examples/ae-2026-v2.json';
const WHAT_IF = '{"amount":"50000","closeDate":"2026-03-25","fields":{"productFamily":"Software","type":"New Logo"}}';

describe('v1 documents print byte for byte what they printed before v2', () => {
  beforeAll(assertCliBuilt);
  const cases: [string, string[]][] = [
    ['ae-2026.compute.json', ['compute', '--input', EXAMPLE]],
    ['ae-2026.compute.table.txt', ['compute', '--input', EXAMPLE, '--format', 'table']],
    ['ae-2026.compare.json', ['compare', '--input', EXAMPLE, '--plan', NEXT]],
    ['ae-2026.compare.table.txt', ['compare', '--input', EXAMPLE, '--plan', NEXT, '--format', 'table']],
    ['ae-2026.estimate.json', ['estimate', '--input', EXAMPLE, '--rep', '005-ben', '--deal', WHAT_IF]],
  ];
  for (const [file, args] of cases) {
    it(`attain ${args.join(' ')}`, async () => {
      const result = await attain(args, { env: { NO_COLOR: '1' } });
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(golden(file));
    });
  }
});

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file (packages/engine/test). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ATTAIN = join(REPO_ROOT, 'scripts', 'attain.mjs');
const BUILT_CLI = join(REPO_ROOT, 'packages', 'engine', 'dist', 'cli', 'main.js');

export function assertCliBuilt(): void {
  if (!existsSync(BUILT_CLI)) {
    throw new Error(`${BUILT_CLI} is missing: build first (pnpm exec tsc -b packages/engine); npm test does it`);
  }
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node scripts/attain.mjs …args` as a user would, with `stdin` piped in when given. */
export function attain(args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...options.env };
    delete env.FORCE_COLOR;
    const child = spawn(process.execPath, [ATTAIN, ...args], { cwd: REPO_ROOT, env, stdio: 'pipe' });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
    child.stdin.end(options.stdin ?? '');
  });
}

/** Lines of stderr without the final empty one. */
export function stderrLines(result: RunResult): string[] {
  return result.stderr.split('\n').filter((line) => line !== '');
}

/** A stack frame line (`    at foo (file.js:1:2)`) anywhere in the text. */
export const STACK_FRAME = /^\s+at\s/m;

export const PLAN = {
  id: 'ae-2026',
  name: 'Account Executive 2026',
  currency: 'USD',
  period: 'quarter',
  components: [
    {
      id: 'base',
      type: 'tiered',
      basis: 'attainment',
      mode: 'marginal',
      tiers: [{ upTo: '0.5', rate: '0.05' }, { upTo: '1', rate: '0.08' }, { rate: '0.12' }],
    },
    {
      id: 'services',
      type: 'percent',
      rate: '0.02',
      filter: { field: 'fields.productFamily', op: 'eq', value: 'Services' },
    },
    { id: 'kicker', type: 'bonus', per: 'period', amount: '500', minAttainment: '1' },
  ],
};

/** A small document touching every component type, a split, a conversion and a warning. */
export function smallInput() {
  return {
    corporateCurrency: 'USD',
    plans: [PLAN],
    assignments: [
      { repId: '005A', planId: 'ae-2026', from: '2026-01-01' },
      { repId: '005B', planId: 'ae-2026', from: '2026-01-01', to: '2026-12-31' },
    ],
    quotas: [
      { repId: '005A', period: '2026-Q1', amount: '100000' },
      { repId: '005B', period: '2026-Q1', amount: '50000' },
    ],
    deals: [
      {
        id: '006A',
        ownerId: '005A',
        amount: '60000',
        closeDate: '2026-02-15',
        won: true,
        fields: { productFamily: 'Software' },
      },
      {
        id: '006B',
        ownerId: '005A',
        amount: '20000',
        currency: 'EUR',
        closeDate: '2026-03-01',
        won: true,
        fields: { productFamily: 'Services' },
      },
      {
        id: '006C',
        ownerId: '005A',
        amount: 30000,
        closeDate: '2026-03-20',
        won: true,
        splits: [
          { repId: '005A', percent: '60' },
          { repId: '005B', percent: '40' },
        ],
      },
      { id: '006D', ownerId: '005C', amount: '1000', closeDate: '2026-01-10', won: true },
      { id: '006E', ownerId: '005B', amount: '5000', closeDate: '2026-02-01', won: false },
    ],
    exchangeRates: [{ currency: 'EUR', rate: '0.8', from: '2026-01-01' }],
  };
}

/** `count` deals spread over 20 reps and a year: big enough that output goes out in many chunks. */
export function largeInput(count: number) {
  const reps = Array.from({ length: 20 }, (_, index) => `005R${String(index).padStart(2, '0')}`);
  return {
    plans: [PLAN],
    assignments: reps.map((repId) => ({ repId, planId: 'ae-2026', from: '2026-01-01' })),
    quotas: reps.flatMap((repId) =>
      ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map((period) => ({ repId, period, amount: '250000' })),
    ),
    deals: Array.from({ length: count }, (_, index) => ({
      id: `006D${String(index).padStart(6, '0')}`,
      ownerId: reps[index % reps.length],
      amount: `${1000 + ((index * 7919) % 20000)}.${String(index % 100).padStart(2, '0')}`,
      closeDate: `2026-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`,
      won: index % 10 !== 0,
      fields: { productFamily: index % 3 === 0 ? 'Services' : 'Software' },
    })),
  };
}

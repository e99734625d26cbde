#!/usr/bin/env node
// Times the engine on a generated benchmark-shaped input (400,000 deals, 5,000 reps, quarterly plan with a
// 4-tier marginal accelerator, a filtered percent, a per-deal bonus and a gated period bonus; 10% split
// deals, 20% EUR deals). Runs against the compiled dist/: `pnpm exec tsc -b packages/engine` first.
// Usage: node packages/engine/test/timing/measure-compute.mjs [deals=400000] [reps=5000]
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const engine = await import(pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), '../../dist/index.js')).href);
const dealCount = Number(process.argv[2] ?? 400_000);
const repCount = Number(process.argv[3] ?? 5_000);

// A small deterministic generator (mulberry32; no Math.random, so runs are comparable).
let seed = 42;
const next = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const reps = Array.from({ length: repCount }, (_, i) => `005${String(i).padStart(6, '0')}`);
const families = ['Software', 'Software', 'Software', 'Services', 'Hardware'];
const types = ['New Logo', 'Expansion', 'Expansion', 'Renewal'];
const pad = (n) => String(n).padStart(2, '0');
const deals = [];
for (let i = 0; i < dealCount; i++) {
  const owner = reps[Math.floor(next() * repCount)];
  const month = 1 + Math.floor(next() * 12);
  const day = 1 + Math.floor(next() * 28);
  const deal = {
    id: `006${String(i).padStart(9, '0')}`,
    ownerId: owner,
    amount: String(Math.floor(next() * 5_000_000) / 100),
    closeDate: `2026-${pad(month)}-${pad(day)}`,
    won: next() < 0.9,
    fields: {
      productFamily: families[Math.floor(next() * families.length)],
      type: types[Math.floor(next() * types.length)],
    },
  };
  if (next() < 0.2) deal.currency = 'EUR';
  if (next() < 0.1) {
    const other = reps[Math.floor(next() * repCount)];
    if (other !== owner)
      deal.splits = [
        { repId: owner, percent: '60' },
        { repId: other, percent: '40' },
      ];
  }
  deals.push(deal);
}
const doc = {
  corporateCurrency: 'USD',
  plans: [
    {
      id: 'ae-2026',
      currency: 'USD',
      period: 'quarter',
      quotaFilter: { field: 'fields.type', op: 'neq', value: 'Renewal' },
      components: [
        {
          id: 'accel',
          type: 'tiered',
          basis: 'attainment',
          mode: 'marginal',
          tiers: [
            { upTo: '0.5', rate: '0.05' },
            { upTo: '1', rate: '0.08' },
            { upTo: '1.5', rate: '0.12' },
            { rate: '0.15' },
          ],
        },
        {
          id: 'services',
          type: 'percent',
          rate: '0.04',
          filter: { field: 'fields.productFamily', op: 'eq', value: 'Services' },
        },
        {
          id: 'new-logo',
          type: 'bonus',
          per: 'deal',
          amount: '500',
          filter: { field: 'fields.type', op: 'eq', value: 'New Logo' },
        },
        { id: 'club', type: 'bonus', per: 'period', amount: '2500', minAttainment: '1' },
      ],
    },
  ],
  assignments: reps.map((repId) => ({ repId, planId: 'ae-2026', from: '2026-01-01' })),
  quotas: reps.flatMap((repId) =>
    ['Q1', 'Q2', 'Q3', 'Q4'].map((q) => ({ repId, period: `2026-${q}`, amount: '900000' })),
  ),
  deals,
  exchangeRates: Array.from({ length: 12 }, (_, m) => ({
    currency: 'EUR',
    rate: `0.9${m}`,
    from: `2026-${pad(m + 1)}-01`,
  })),
};
const text = JSON.stringify(doc);
deals.length = 0;

// Wall time and CPU time (user + system, all threads — the machine may be shared, so CPU time is the
// steadier figure).
const time = (label, fn) => {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const value = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms wall ${cpuMs.toFixed(0).padStart(6)} ms cpu`);
  return value;
};
console.log(`input: ${(text.length / 1e6).toFixed(1)} MB, ${dealCount} deals, ${repCount} reps`);
const parsed = time('JSON.parse', () => JSON.parse(text));
const validated = time('validate (after parse)', () => engine.validate(parsed));
if (!validated.ok) throw new Error(validated.issues.slice(0, 5).map(engine.formatIssue).join('\n'));
const output = time('compute', () => engine.compute(validated.value));
time('compute (again, warm)', () => engine.compute(validated.value));
let lines = 0;
for (const s of output.statements) lines += s.lines.length;
console.log(`output: ${output.statements.length} statements, ${lines} lines, ${output.warnings.length} warnings`);
const json = time('JSON.stringify(output)', () => JSON.stringify(output));
console.log(`output: ${(json.length / 1e6).toFixed(1)} MB`);
const keys = [{ repId: '005000042', period: '2026-Q2' }];
time('computeFor one key', () => engine.computeFor(validated.value, keys));
console.log(
  `heap used: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
);

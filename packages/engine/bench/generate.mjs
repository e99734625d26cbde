#!/usr/bin/env node
// A year of synthetic sales data in the plan-language v1 input format, for the engine benchmark.
//
//   node packages/engine/bench/generate.mjs --out FILE [--deals N] [--reps N] [--seed N]
//
// Deterministic: every random choice comes from one seeded PRNG (mulberry32), drawn in a fixed order,
// so the same parameters give the same bytes. The document is written in ~1 MB chunks as it is built:
// a 400,000-deal year is ~150 MB, and never exists as one string in this process.
//
// Numbers here are only used to *draw* amounts; every decimal written is formatted from integer cents
// (or ten-thousandths for rates), so no binary-float text such as `0.30000000000000004` can appear.

import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** Bumped whenever the output for the same parameters changes, so cached files are not reused. */
export const GENERATOR_VERSION = 2;

export const YEAR = 2026;
export const PLAN_ID = 'ae-2026-quarterly';
export const QUARTERS = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Share of a quarter's deals closing in its first, second and third month: the end-of-quarter rush. */
const MONTH_OF_QUARTER_WEIGHTS = /** @type {const} */ ([
  [0, 0.28],
  [1, 0.32],
  [2, 0.4],
]);
const WON_SHARE = 0.9;
const SPLIT_SHARE = 0.1;
const EUR_SHARE = 0.2;
/** Deal amounts are log-normal: median 9,000, sigma 1.1 (mean ≈ 16,500), in the deal's own currency. */
const AMOUNT_MEDIAN = 9_000;
const AMOUNT_SIGMA = 1.1;
const AMOUNT_MAX_CENTS = 5_000_000_00;
/** Reps differ: each rep's deal amounts are scaled by a log-normal productivity factor. */
const PRODUCTIVITY_SIGMA = 0.35;
const TWO_WAY_SPLITS = [
  ['50', '50'],
  ['60', '40'],
  ['70', '30'],
  ['80', '20'],
];
const THREE_WAY_SPLITS = [
  ['50', '30', '20'],
  ['40', '30', '30'],
  ['34', '33', '33'],
  ['60', '20', '20'],
];
const PRODUCT_FAMILIES = /** @type {const} */ ([
  ['Software', 0.6],
  ['Services', 0.25],
  ['Hardware', 0.15],
]);
const DEAL_TYPES = /** @type {const} */ ([
  ['New Business', 0.4],
  ['Renewal', 0.4],
  ['Upsell', 0.2],
]);
const CHUNK_CHARS = 1 << 20;
const CLUB_BONUS = 5_000;

/**
 * @typedef {object} GenerateOptions
 * @property {string} out file to write (overwritten)
 * @property {number} [deals] number of deals (default 400,000)
 * @property {number} [reps] number of reps (default 5,000)
 * @property {number} [seed] PRNG seed (default 1)
 */

/**
 * @typedef {object} GenerateSummary
 * @property {string} out
 * @property {number} bytes
 * @property {number} deals
 * @property {number} reps
 * @property {number} seed
 * @property {number} wonDeals
 * @property {number} splitDeals
 * @property {number} eurDeals
 * @property {number} quotas
 * @property {number} exchangeRates
 * @property {number} expectedStatements one per rep and quarter: every rep has a quota in every quarter
 */

/**
 * mulberry32: a tiny, fast 32-bit PRNG; good enough for test data and identical on every platform.
 * @param {number} seed
 * @returns {() => number} uniform in [0, 1)
 */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {number} index 0-based */
export function repId(index) {
  return `005${String(index + 1).padStart(12, '0')}`;
}

/** @param {number} index 0-based */
export function dealId(index) {
  return `006${String(index + 1).padStart(12, '0')}`;
}

/** @param {number} cents a non-negative integer */
function formatCents(cents) {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** @param {number} tenThousandths a non-negative integer */
function formatRate(tenThousandths) {
  return `${Math.floor(tenThousandths / 10_000)}.${String(tenThousandths % 10_000).padStart(4, '0')}`;
}

/** @param {number} month 1-12 @param {number} day */
function isoDate(month, day) {
  return `${YEAR}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * @template T
 * @param {() => number} random
 * @param {readonly (readonly [T, number])[]} weighted
 * @returns {T}
 */
function pickWeighted(random, weighted) {
  let r = random();
  for (const [value, weight] of weighted) {
    if (r < weight) return value;
    r -= weight;
  }
  return /** @type {T} */ (weighted[weighted.length - 1]?.[0]);
}

/**
 * @template T
 * @param {() => number} random
 * @param {readonly T[]} items
 * @returns {T}
 */
function pick(random, items) {
  return /** @type {T} */ (items[Math.floor(random() * items.length)]);
}

/** A standard normal draw (Box–Muller; the second value is thrown away to keep the draw order simple). */
function normal(/** @type {() => number} */ random) {
  const u = 1 - random(); // (0, 1]: log(0) must not happen
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** @param {number} amount */
function roundToThousand(amount) {
  return Math.max(1_000, Math.round(amount / 1_000) * 1_000);
}

/**
 * The one quarterly plan. Caps scale with the typical quota so that they bind for the top performers
 * (attainment around 200%) at every size of run, not only at the default one; the plan cap leaves
 * room for the fixed club bonus, which would otherwise hit it alone in small runs.
 * @param {number} typicalQuota
 */
function quarterlyPlan(typicalQuota) {
  const componentCap = roundToThousand(typicalQuota * 0.2);
  return {
    id: PLAN_ID,
    name: 'Account Executive 2026 (quarterly)',
    currency: 'USD',
    period: 'quarter',
    cap: String(componentCap + roundToThousand(typicalQuota * 0.05) + CLUB_BONUS),
    components: [
      {
        id: 'base',
        type: 'tiered',
        basis: 'attainment',
        mode: 'marginal',
        tiers: [
          { upTo: '0.5', rate: '0.04' },
          { upTo: '1.0', rate: '0.08' },
          { upTo: '1.5', rate: '0.12' },
          { rate: '0.16' },
        ],
        cap: String(componentCap),
      },
      {
        id: 'services',
        type: 'percent',
        filter: { field: 'fields.productFamily', op: 'eq', value: 'Services' },
        rate: '0.05',
      },
      {
        id: 'new-logo',
        type: 'bonus',
        per: 'deal',
        filter: { field: 'fields.type', op: 'eq', value: 'New Business' },
        amount: '250',
      },
      { id: 'club', type: 'bonus', per: 'period', minAttainment: '1.0', amount: String(CLUB_BONUS) },
    ],
  };
}

/** Writes strings to a file in ~1 MB chunks. */
class ChunkedWriter {
  /** @param {import('node:fs/promises').FileHandle} handle */
  constructor(handle) {
    this.handle = handle;
    /** @type {string[]} */
    this.pending = [];
    this.pendingChars = 0;
    this.bytes = 0;
  }

  /** @param {string} text */
  async write(text) {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= CHUNK_CHARS) await this.flush();
  }

  async flush() {
    if (this.pending.length === 0) return;
    const chunk = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingChars = 0;
    this.bytes += chunk.length;
    await this.handle.write(chunk);
  }

  /**
   * Writes a JSON array with one element per line, the last without a trailing comma.
   * @param {string} key
   * @param {Iterable<unknown>} items
   * @param {boolean} last whether this is the document's last key
   */
  async array(key, items, last = false) {
    await this.write(`  ${JSON.stringify(key)}: [`);
    let first = true;
    for (const item of items) {
      await this.write(`${first ? '\n' : ',\n'}    ${JSON.stringify(item)}`);
      first = false;
    }
    await this.write(first ? `]${last ? '' : ','}\n` : `\n  ]${last ? '' : ','}\n`);
  }
}

/**
 * Generates a year of data and writes it to `out`.
 * @param {GenerateOptions} options
 * @returns {Promise<GenerateSummary>}
 */
export async function generateYear({ out, deals = 400_000, reps = 5_000, seed = 1 }) {
  for (const [name, value, min] of /** @type {const} */ ([
    ['deals', deals, 0],
    ['reps', reps, 3], // three-way splits need three distinct reps
    ['seed', seed, 0],
  ])) {
    if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer ≥ ${min}`);
  }
  const random = mulberry32(seed);

  const productivity = Array.from({ length: reps }, () => Math.exp(PRODUCTIVITY_SIGMA * normal(random)));
  const meanAmount = AMOUNT_MEDIAN * Math.exp((AMOUNT_SIGMA * AMOUNT_SIGMA) / 2);
  const meanProductivity = Math.exp((PRODUCTIVITY_SIGMA * PRODUCTIVITY_SIGMA) / 2);
  // What an average rep is credited in a quarter; quotas are set around it.
  const typicalQuota = (deals / reps / 4) * WON_SHARE * meanAmount * meanProductivity || 1_000;

  const assignments = Array.from({ length: reps }, (_, r) => ({
    repId: repId(r),
    planId: PLAN_ID,
    from: `${YEAR}-01-01`,
  }));
  // Quotas follow territory potential only loosely (square root of productivity, ±20% noise), so
  // attainment spreads from well under 50% to over 150% and every tier is exercised.
  const quotas = [];
  for (let r = 0; r < reps; r++) {
    const level = typicalQuota * Math.sqrt(/** @type {number} */ (productivity[r])) * (0.85 + 0.35 * random());
    for (const period of QUARTERS) {
      quotas.push({ repId: repId(r), period, amount: String(roundToThousand(level * (0.9 + 0.2 * random()))) });
    }
  }
  // EUR per one USD, on the first of each month: a random walk around 0.92.
  const exchangeRates = [];
  let eurRate = 9_200;
  for (let month = 1; month <= 12; month++) {
    exchangeRates.push({ currency: 'EUR', rate: formatRate(eurRate), from: isoDate(month, 1) });
    eurRate = Math.max(7_000, Math.min(11_000, eurRate + Math.round((random() * 2 - 1) * 150)));
  }

  const handle = await open(out, 'w');
  const writer = new ChunkedWriter(handle);
  let wonDeals = 0;
  let splitDeals = 0;
  let eurDeals = 0;
  try {
    await writer.write(`{\n  "corporateCurrency": "USD",\n`);
    await writer.array('plans', [quarterlyPlan(typicalQuota)]);
    await writer.array('assignments', assignments);
    await writer.array('quotas', quotas);
    await writer.array('exchangeRates', exchangeRates);

    /** @returns {Generator<object>} */
    function* dealRecords() {
      for (let d = 0; d < deals; d++) {
        const owner = Math.floor(random() * reps);
        const quarter = Math.floor(random() * 4);
        const month = quarter * 3 + 1 + pickWeighted(random, MONTH_OF_QUARTER_WEIGHTS);
        const day = 1 + Math.floor(random() * /** @type {number} */ (DAYS_IN_MONTH[month - 1]));
        const inEur = random() < EUR_SHARE;
        const drawn =
          AMOUNT_MEDIAN * /** @type {number} */ (productivity[owner]) * Math.exp(AMOUNT_SIGMA * normal(random));
        const cents = Math.min(AMOUNT_MAX_CENTS, Math.max(100, Math.round(drawn * 100)));
        const won = random() < WON_SHARE;
        /** @type {Record<string, unknown>} */
        const deal = {
          id: dealId(d),
          ownerId: repId(owner),
          amount: formatCents(cents),
          ...(inEur ? { currency: 'EUR' } : {}),
          closeDate: isoDate(month, day),
          won,
          fields: { productFamily: pickWeighted(random, PRODUCT_FAMILIES), type: pickWeighted(random, DEAL_TYPES) },
        };
        if (random() < SPLIT_SHARE) {
          const percents = random() < 0.7 ? pick(random, TWO_WAY_SPLITS) : pick(random, THREE_WAY_SPLITS);
          // The owner keeps the largest share; the others are distinct reps drawn at random.
          const members = [owner];
          while (members.length < percents.length) {
            const other = Math.floor(random() * reps);
            if (!members.includes(other)) members.push(other);
          }
          deal.splits = members.map((m, i) => ({ repId: repId(m), percent: percents[i] }));
          splitDeals++;
        }
        if (won) wonDeals++;
        if (inEur) eurDeals++;
        yield deal;
      }
    }
    await writer.array('deals', dealRecords(), true);
    await writer.write('}\n');
    await writer.flush();
  } finally {
    await handle.close();
  }
  return {
    out,
    bytes: writer.bytes,
    deals,
    reps,
    seed,
    wonDeals,
    splitDeals,
    eurDeals,
    quotas: quotas.length,
    exchangeRates: exchangeRates.length,
    expectedStatements: reps * QUARTERS.length,
  };
}

/**
 * Reads a positive integer option.
 * @param {string | undefined} text
 * @param {string} name
 * @param {number} fallback
 */
export function integerOption(text, name, fallback) {
  if (text === undefined) return fallback;
  const normalized = text.replaceAll('_', '');
  if (!/^\d+$/.test(normalized)) throw new RangeError(`--${name} must be a non-negative integer, got "${text}"`);
  return Number(normalized);
}

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      deals: { type: 'string' },
      reps: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  if (!values.out) {
    process.stderr.write('usage: node generate.mjs --out FILE [--deals N] [--reps N] [--seed N]\n');
    return 2;
  }
  const started = performance.now();
  const summary = await generateYear({
    out: values.out,
    deals: integerOption(values.deals, 'deals', 400_000),
    reps: integerOption(values.reps, 'reps', 5_000),
    seed: integerOption(values.seed, 'seed', 1),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    `wrote ${summary.out}: ${(summary.bytes / 1e6).toFixed(1)} MB, ${summary.deals} deals ` +
      `(${summary.wonDeals} won, ${summary.splitDeals} split, ${summary.eurDeals} EUR), ${summary.reps} reps, ` +
      `${summary.quotas} quotas in ${seconds} s\n`,
  );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

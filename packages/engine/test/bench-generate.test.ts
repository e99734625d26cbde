// The benchmark's data generator: a small year must have the shape the benchmark relies on
// (counts, quotas per rep and quarter, splits adding to 100, real dates) and be reproducible.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateYear, PLAN_ID, QUARTERS } from '../bench/generate.mjs';

const DEALS = 2_000;
const REPS = 50;

interface GeneratedDeal {
  id: string;
  ownerId: string;
  amount: string;
  currency?: string;
  closeDate: string;
  won: boolean;
  fields: { productFamily: string; type: string };
  splits?: { repId: string; percent: string }[];
}
interface GeneratedYear {
  corporateCurrency: string;
  plans: { id: string; currency: string; period: string; components: { id: string; type: string }[] }[];
  assignments: { repId: string; planId: string; from: string; to?: string }[];
  quotas: { repId: string; period: string; amount: string }[];
  exchangeRates: { currency: string; rate: string; from: string }[];
  deals: GeneratedDeal[];
}

let dir: string;
let first: string;
let doc: GeneratedYear;

/** A real calendar date: it survives a round trip through Date unchanged. */
function isRealDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}

function quarterOf(date: string): string {
  return `2026-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'attain-bench-generate-'));
  first = join(dir, 'first.json');
  const summary = await generateYear({ out: first, deals: DEALS, reps: REPS, seed: 7 });
  doc = JSON.parse(readFileSync(first, 'utf8'));
  expect(summary.bytes).toBe(readFileSync(first).length);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('generateYear', () => {
  it('is deterministic for a seed and differs between seeds', async () => {
    const again = join(dir, 'again.json');
    const other = join(dir, 'other.json');
    await generateYear({ out: again, deals: DEALS, reps: REPS, seed: 7 });
    await generateYear({ out: other, deals: DEALS, reps: REPS, seed: 8 });
    expect(readFileSync(again).equals(readFileSync(first))).toBe(true);
    expect(readFileSync(other).equals(readFileSync(first))).toBe(false);
  });

  it('has one quarterly USD plan with the four component kinds', () => {
    expect(doc.corporateCurrency).toBe('USD');
    expect(doc.plans).toHaveLength(1);
    const [plan] = doc.plans;
    expect(plan).toMatchObject({ id: PLAN_ID, currency: 'USD', period: 'quarter' });
    expect(plan?.components.map((c) => c.type)).toEqual(['tiered', 'percent', 'bonus', 'bonus']);
  });

  it('assigns every rep from 2026-01-01, open-ended, and gives each one quota per quarter', () => {
    expect(doc.assignments).toHaveLength(REPS);
    expect(new Set(doc.assignments.map((a) => a.repId)).size).toBe(REPS);
    for (const assignment of doc.assignments) {
      expect(assignment).toEqual({ repId: assignment.repId, planId: PLAN_ID, from: '2026-01-01' });
      expect(assignment.repId).toMatch(/^005\d{12}$/);
    }
    expect(doc.quotas).toHaveLength(REPS * QUARTERS.length);
    const keys = new Set(doc.quotas.map((q) => `${q.repId}|${q.period}`));
    for (const { repId } of doc.assignments) {
      for (const quarter of QUARTERS) expect(keys.has(`${repId}|${quarter}`)).toBe(true);
    }
    for (const quota of doc.quotas) expect(quota.amount).toMatch(/^[1-9]\d*000$/);
  });

  it('has one EUR rate per month of 2026', () => {
    expect(doc.exchangeRates.map((r) => r.from)).toEqual(
      Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}-01`),
    );
    for (const rate of doc.exchangeRates) {
      expect(rate.currency).toBe('EUR');
      expect(rate.rate).toMatch(/^0\.\d{4}$/);
    }
  });

  it('writes deals with unique ids, known owners, 2-decimal amounts and real 2026 dates', () => {
    expect(doc.deals).toHaveLength(DEALS);
    expect(new Set(doc.deals.map((d) => d.id)).size).toBe(DEALS);
    const reps = new Set(doc.assignments.map((a) => a.repId));
    for (const deal of doc.deals) {
      expect(deal.id).toMatch(/^006\d{12}$/);
      expect(reps.has(deal.ownerId)).toBe(true);
      expect(deal.amount).toMatch(/^[1-9]\d*\.\d{2}$|^0\.\d{2}$/);
      expect(isRealDate(deal.closeDate) && deal.closeDate.startsWith('2026-')).toBe(true);
      expect(['Software', 'Services', 'Hardware']).toContain(deal.fields.productFamily);
      expect(['New Business', 'Renewal', 'Upsell']).toContain(deal.fields.type);
      expect(deal.currency === undefined || deal.currency === 'EUR').toBe(true);
    }
  });

  it('splits about 10% of deals two or three ways among distinct reps, percents adding to 100', () => {
    const split = doc.deals.filter((d) => d.splits !== undefined);
    for (const deal of split) {
      const splits = deal.splits ?? [];
      expect(splits.length === 2 || splits.length === 3).toBe(true);
      expect(splits[0]?.repId).toBe(deal.ownerId);
      expect(new Set(splits.map((s) => s.repId)).size).toBe(splits.length);
      expect(splits.reduce((sum, s) => sum + Number(s.percent), 0)).toBe(100);
      for (const s of splits) expect(s.percent).toMatch(/^[1-9]\d?$/);
    }
    expect(split.length / DEALS).toBeGreaterThan(0.07);
    expect(split.length / DEALS).toBeLessThan(0.13);
  });

  it('wins about 90%, prices about 20% in EUR, and spreads deals over all four quarters', () => {
    const won = doc.deals.filter((d) => d.won).length / DEALS;
    const eur = doc.deals.filter((d) => d.currency === 'EUR').length / DEALS;
    expect(won).toBeGreaterThan(0.87);
    expect(won).toBeLessThan(0.93);
    expect(eur).toBeGreaterThan(0.17);
    expect(eur).toBeLessThan(0.23);
    const perQuarter = new Map<string, number>();
    for (const deal of doc.deals)
      perQuarter.set(quarterOf(deal.closeDate), (perQuarter.get(quarterOf(deal.closeDate)) ?? 0) + 1);
    for (const quarter of QUARTERS) expect(perQuarter.get(quarter) ?? 0).toBeGreaterThan(DEALS / 4 / 1.3);
  });
});

// The v2 variant of the engine benchmark's year (`pnpm bench:engine --variant v2`): the v1 year of
// generate.mjs, plus what plan-language v2 adds to a real year —
//   - plan versions: the AE plan gets a version from 2026-07-01 (a richer top tier) and both carry a
//     recoverable draw and a 90-day clawback window;
//   - team credit: 50 managers, each over a hundredth... of the reps (rep r reports to manager r mod 50),
//     on a team plan (a 1 % override and a tiered team quota);
//   - 10 % of the won deals cancelled 0–120 days after they closed;
//   - the first two quarters closed: computed (with the engine) *before* the cancellations, as if
//     they had been paid, so the clawbacks of Q1/Q2 deals come back as adjustments in Q3.
// Deterministic like generate.mjs (its own seeded PRNG for the v2 choices).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const V2_GENERATOR_VERSION = 1;
export const MANAGERS = 50;
const CANCELLED_SHARE = 0.1;
const TEAM_PLAN_ID = 'manager-team-2026';

/** @param {number} seed */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {string} date @param {number} days */
function addDays(date, days) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** @param {number} m */
const managerId = (m) => `005M${String(m).padStart(11, '0')}`;

/**
 * @param {{ v1Path: string, out: string, seed: number, engineDist: string }} options
 * @returns {Promise<{ out: string, bytes: number, managers: number, cancelledDeals: number, closedStatements: number, expectedStatements: number }>}
 */
export async function generateV2Year({ v1Path, out, seed, engineDist }) {
  const engine = await import(pathToFileURL(join(engineDist, 'index.js')).href);
  const random = mulberry32(seed * 7919 + 17);
  const doc = JSON.parse(readFileSync(v1Path, 'utf8'));
  const [plan] = doc.plans;
  const typicalQuota = Number(doc.quotas[0].amount);
  const drawAmount = String(Math.round(typicalQuota * 0.01));
  const v1Plan = { ...plan, draw: { amount: drawAmount, recoverable: true }, clawbackDays: 90 };
  const h2 = structuredClone(v1Plan);
  h2.from = '2026-07-01';
  h2.name = 'Account Executive 2026 (H2)';
  h2.components[0].tiers[3].rate = '0.18';
  const teamPlan = {
    id: TEAM_PLAN_ID,
    name: 'First-line manager 2026',
    currency: 'USD',
    period: 'quarter',
    credit: 'team',
    components: [
      { id: 'override', type: 'percent', rate: '0.01' },
      {
        id: 'team-quota',
        type: 'tiered',
        basis: 'attainment',
        mode: 'marginal',
        tiers: [{ upTo: '1', rate: '0.002' }, { rate: '0.004' }],
      },
    ],
  };
  const reps = doc.assignments.map((/** @type {{ repId: string }} */ a) => a.repId);
  const managers = reps.map((/** @type {string} */ repId, /** @type {number} */ r) => ({
    repId,
    managerId: managerId(r % MANAGERS),
    from: '2026-01-01',
  }));
  const managerAssignments = Array.from({ length: MANAGERS }, (_, m) => ({
    repId: managerId(m),
    planId: TEAM_PLAN_ID,
    from: '2026-01-01',
  }));
  const managerQuotas = [];
  for (let m = 0; m < MANAGERS; m++)
    for (const period of ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'])
      managerQuotas.push({
        repId: managerId(m),
        period,
        amount: String(Math.round((typicalQuota * reps.length) / MANAGERS)),
      });
  const base = {
    ...doc,
    plans: [v1Plan, h2, teamPlan],
    assignments: [...doc.assignments, ...managerAssignments],
    quotas: [...doc.quotas, ...managerQuotas],
    managers,
    asOf: '2026-12-31',
  };
  // Q1 and Q2 as they were paid: before any cancellation was known.
  const validated = engine.validate(base);
  if (!validated.ok) throw new Error(`v2 bench document refused: ${JSON.stringify(validated.issues.slice(0, 3))}`);
  const closed = [];
  for (const statement of engine.computeStatements(validated.value)) {
    if (statement.period !== '2026-Q1' && statement.period !== '2026-Q2') continue;
    closed.push({
      repId: statement.repId,
      planId: statement.planId,
      period: statement.period,
      balance: statement.balance ?? undefined,
      planFrom: statement.planFrom,
      quota: statement.quota,
      credited: statement.credited,
      attainment: statement.attainment,
      lines: statement.lines.map((/** @type {any} */ line) => ({
        dealId: line.dealId ?? null,
        componentId: line.componentId ?? null,
        kind: line.kind,
        tier: line.tier ?? null,
        amount: line.amount,
      })),
    });
  }
  let cancelledDeals = 0;
  const deals = doc.deals.map((/** @type {any} */ deal) => {
    if (!deal.won || random() >= CANCELLED_SHARE) return deal;
    cancelledDeals++;
    return { ...deal, cancelDate: addDays(deal.closeDate, Math.floor(random() * 121)) };
  });
  const text = `${JSON.stringify({ ...base, deals, closed })}\n`;
  writeFileSync(out, text);
  return {
    out,
    bytes: Buffer.byteLength(text),
    managers: MANAGERS,
    cancelledDeals,
    closedStatements: closed.length,
    expectedStatements: (reps.length + MANAGERS) * 4,
  };
}

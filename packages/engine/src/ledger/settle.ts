import { closedKey, type PreparedInput } from '../credit/prepared-input.js';
import { add, compare, type Decimal, max, min, subtract, ZERO } from '../money/decimal.js';
import { roundHalfAwayFromZero } from '../money/rounding.js';
import type { ClosedStatement, Deal, Line, PeriodId, Statement } from '../types.js';
import { nextPeriod, periodRange } from '../values/dates.js';
import { coverage, prorate } from '../versions/coverage.js';
import type { PlanVersions } from '../versions/plan-versions.js';
import {
  type AdjustmentCauses,
  adjustmentLine,
  adjustmentsOf,
  type PendingAdjustment,
  sortAdjustments,
} from './adjustments.js';
import { money, moneyText, negateDecimal, reading, sum } from './ledger-money.js';

/*
 * v2 §6–§7 for one rep and one plan: closed statements as paid, adjustments for every difference
 * between what closed periods were paid and what is due now (in the first open period after each),
 * then draws, recoveries, carries and the balance, in period order.
 */

/** An open statement the engine built (v1 rules and §2–§5), and whether §6 alone makes it exist. */
export interface BuiltStatement {
  statement: Statement;
  /** The version's from (null: a version without from). */
  planFrom: string | null;
}

export interface SettleContext {
  prepared: PreparedInput;
  deals: ReadonlyMap<string, Deal>;
}

function comparePeriods(a: PeriodId, b: PeriodId): number {
  const x = periodRange(a).first;
  const y = periodRange(b).first;
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** A closed statement in the output shape: its lines exactly as paid, total = their sum. */
function closedOutput(closed: ClosedStatement, versions: PlanVersions): Statement {
  const minorUnits = versions.minorUnits;
  const lines: Line[] = closed.lines.map((line) => {
    // Built key by key in output order (spreads of optional parts cost several times more).
    const out = {} as Line;
    if (line.dealId !== null) out.dealId = line.dealId;
    if (line.componentId !== null) out.componentId = line.componentId;
    out.kind = line.kind;
    if (line.tier !== null) out.tier = line.tier;
    if (line.ofPeriod !== undefined) out.ofPeriod = line.ofPeriod;
    if (line.base !== undefined) out.base = line.base;
    if (line.rate !== undefined) out.rate = line.rate;
    out.amount = moneyText(money(line.amount), minorUnits);
    out.explain = line.explain ?? `As paid when ${closed.period} was closed`;
    return out;
  });
  return {
    repId: closed.repId,
    planId: closed.planId,
    period: closed.period,
    planFrom: closed.planFrom ?? null,
    currency: versions.currency,
    quota: closed.quota ?? null,
    credited: closed.credited ?? null,
    attainment: closed.attainment ?? null,
    total: moneyText(sum(closed.lines.map((line) => money(line.amount))), minorUnits),
    closed: true,
    balance: versions.hasDraw ? moneyText(money(closed.balance ?? '0'), minorUnits) : null,
    lines,
  } as Statement;
}

/** An open statement in the v2 shape (key order of the output document). */
function openOutput(
  statement: Statement,
  planFrom: string | null,
  lines: Line[],
  total: Decimal,
  balance: string | null,
  minorUnits: number,
): Statement {
  return {
    repId: statement.repId,
    planId: statement.planId,
    period: statement.period,
    planFrom,
    currency: statement.currency,
    quota: statement.quota,
    credited: statement.credited,
    attainment: statement.attainment,
    total: moneyText(total, minorUnits),
    closed: false,
    balance,
    lines,
  };
}

/** A statement that exists only to carry adjustments (§7): no lines of its own. */
function carrier(repId: string, versions: PlanVersions, period: PeriodId): Statement {
  const zero = moneyText(ZERO, versions.minorUnits);
  return {
    repId,
    planId: versions.id,
    period,
    currency: versions.currency,
    quota: null,
    credited: zero,
    attainment: null,
    total: zero,
    lines: [],
  };
}

/** §6: the period's draw, prorated by the days the rep's assignments to the plan cover. */
function drawOf(
  repId: string,
  versions: PlanVersions,
  period: PeriodId,
  prepared: PreparedInput,
): { amount: Decimal; recoverable: boolean } | undefined {
  const draw = versions.versionFor(period)?.draw;
  if (draw === undefined) return undefined;
  const assignments = prepared.assignments.of(repId).filter((a) => a.planId === versions.id);
  const { covered, days } = coverage(assignments, period);
  const amount = roundHalfAwayFromZero(prorate(draw.amount, covered, days, versions.minorUnits), versions.minorUnits);
  return { amount, recoverable: draw.recoverable };
}

const PERIOD_WORD = { month: 'month', quarter: 'quarter', year: 'year' } as const;

/**
 * The statements of one rep and plan, in period order: closed ones as paid, open ones with their
 * adjustments, draw, recovery or carry lines and balance. `built`: the open-rule statements by period
 * (for closed periods, what is due now). A statement of a period in neither `built` nor `closed`
 * appears only when adjustments land in it.
 */
export function settlePlan(
  repId: string,
  versions: PlanVersions,
  built: ReadonlyMap<PeriodId, BuiltStatement>,
  context: SettleContext,
): Statement[] {
  const { prepared } = context;
  const closedList: ClosedStatement[] = [];
  for (const statement of prepared.closedByRep.get(repId) ?? [])
    if (statement.planId === versions.id) closedList.push(statement);
  const isClosed = (period: PeriodId) => prepared.closed.has(closedKey(repId, versions.id, period));
  const due = new Map<PeriodId, Statement>();
  for (const statement of closedList) {
    const recomputed = built.get(statement.period);
    if (recomputed !== undefined) due.set(statement.period, recomputed.statement);
  }
  // Each difference lands in the first period after the closed one that is not closed.
  const incoming = new Map<PeriodId, PendingAdjustment[]>();
  for (const adjustment of adjustmentsOf(closedList, due)) {
    let target = nextPeriod(adjustment.ofPeriod);
    while (isClosed(target)) target = nextPeriod(target);
    const list = incoming.get(target);
    if (list) list.push(adjustment);
    else incoming.set(target, [adjustment]);
  }
  const periods = new Set<PeriodId>([...built.keys(), ...incoming.keys(), ...closedList.map((s) => s.period)]);
  const causes: AdjustmentCauses = {
    deals: context.deals,
    planId: versions.id,
    clawbackDays: (period) => versions.versionFor(period)?.clawbackDays,
    paidPlanFrom: (period) => prepared.closed.get(closedKey(repId, versions.id, period))?.planFrom,
    planFromNow: (period) => versions.versionFor(period)?.from ?? null,
  };
  const out: Statement[] = [];
  let balance = ZERO;
  const minorUnits = versions.minorUnits;
  const currency = versions.currency;
  for (const period of [...periods].sort(comparePeriods)) {
    const closed = prepared.closed.get(closedKey(repId, versions.id, period));
    if (closed !== undefined) {
      out.push(closedOutput(closed, versions));
      balance = money(closed.balance ?? '0');
      continue;
    }
    const own = built.get(period);
    const base = own?.statement ?? carrier(repId, versions, period);
    const lines = [...base.lines];
    const earned = money(base.total); // E: commission, bonus and cap lines
    let adjusted = ZERO; // A
    for (const adjustment of sortAdjustments(incoming.get(period) ?? [])) {
      lines.push(adjustmentLine(adjustment, currency, minorUnits, causes));
      adjusted = add(adjusted, adjustment.amount);
    }
    let total = add(earned, adjusted);
    let balanceText: string | null = null;
    if (versions.hasDraw) {
      const draw = own === undefined ? undefined : drawOf(repId, versions, period, prepared);
      const guaranteed = draw?.amount ?? ZERO;
      let paidDraw = ZERO;
      if (compare(earned, guaranteed) < 0) {
        paidDraw = subtract(guaranteed, earned);
        lines.push({
          kind: 'draw',
          amount: moneyText(paidDraw, minorUnits),
          explain: `Draw: ${reading(guaranteed, currency)} guaranteed this ${PERIOD_WORD[versions.period]}, earned ${reading(earned, currency)}${draw!.recoverable ? ' (recoverable from later earnings)' : ' (not recoverable)'}`,
        });
      }
      const payable = add(add(earned, paidDraw), adjusted); // P
      let recovered = ZERO;
      let carried = ZERO;
      if (payable.units < 0n) {
        carried = negateDecimal(payable);
        lines.push({
          kind: 'carry',
          amount: moneyText(carried, minorUnits),
          explain: `Carried forward: this statement came to ${reading(payable, currency)}; you owe ${reading(carried, currency)}, recovered from later earnings`,
        });
      } else {
        recovered = max(ZERO, min(balance, subtract(payable, guaranteed)));
        if (recovered.units > 0n)
          lines.push({
            kind: 'recovery',
            amount: moneyText(negateDecimal(recovered), minorUnits),
            explain: `Recovery: ${reading(recovered, currency)} of the ${reading(balance, currency)} you owed, from earnings above ${reading(guaranteed, currency)}`,
          });
      }
      balance = add(subtract(balance, recovered), add(draw?.recoverable ? paidDraw : ZERO, carried));
      total = add(add(payable, carried), negateDecimal(recovered));
      balanceText = moneyText(balance, minorUnits);
    }
    out.push(
      openOutput(
        base,
        own?.planFrom ?? versions.versionFor(period)?.from ?? null,
        lines,
        total,
        balanceText,
        minorUnits,
      ),
    );
  }
  return out;
}

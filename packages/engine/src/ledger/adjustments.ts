import { add, compare, type Decimal, subtract, ZERO } from '../money/decimal.js';
import type { ClosedStatement, Deal, Line, PeriodId, Statement } from '../types.js';
import { daysBetween, periodRange } from '../values/dates.js';
import { money, moneyText, reading } from './ledger-money.js';

/*
 * v2 §7: what closed periods were paid against what is due now, group by group
 * (ofPeriod, dealId, componentId), over the kinds commission, bonus, cap and adjustment.
 */

const GROUPED_KINDS = new Set(['commission', 'bonus', 'cap', 'adjustment']);

interface Group {
  ofPeriod: PeriodId;
  dealId: string | null;
  componentId: string | null;
  paid: Decimal;
  due: Decimal;
}

function groupKey(ofPeriod: string, dealId: string | null | undefined, componentId: string | null | undefined): string {
  return `${ofPeriod}\u0000${dealId ?? ''}\u0001${componentId ?? ''}`;
}

/** One adjustment waiting for the first open period after the closed one it corrects. */
export interface PendingAdjustment {
  ofPeriod: PeriodId;
  dealId: string | null;
  componentId: string | null;
  amount: Decimal;
  paid: Decimal;
  due: Decimal;
}

/**
 * Every group of a closed period whose due differs from what was paid, as an adjustment.
 * `closed`: the rep's closed statements of one plan. `due`: the recomputed statement of each closed
 * period that still exists (its own lines only).
 */
export function adjustmentsOf(
  closed: readonly ClosedStatement[],
  due: ReadonlyMap<PeriodId, Statement>,
): PendingAdjustment[] {
  const groups = new Map<string, Group>();
  const slot = (ofPeriod: string, dealId: string | null | undefined, componentId: string | null | undefined) => {
    const key = groupKey(ofPeriod, dealId, componentId);
    let group = groups.get(key);
    if (group === undefined) {
      group = { ofPeriod, dealId: dealId ?? null, componentId: componentId ?? null, paid: ZERO, due: ZERO };
      groups.set(key, group);
    }
    return group;
  };
  for (const statement of closed) {
    for (const line of statement.lines) {
      if (!GROUPED_KINDS.has(line.kind)) continue;
      const group = slot(line.kind === 'adjustment' ? line.ofPeriod! : statement.period, line.dealId, line.componentId);
      group.paid = add(group.paid, money(line.amount));
    }
    const recomputed = due.get(statement.period);
    if (recomputed === undefined) continue;
    for (const line of recomputed.lines) {
      if (line.kind !== 'commission' && line.kind !== 'bonus' && line.kind !== 'cap') continue;
      const group = slot(statement.period, line.dealId, line.componentId);
      group.due = add(group.due, money(line.amount));
    }
  }
  const pending: PendingAdjustment[] = [];
  for (const group of groups.values()) {
    if (compare(group.due, group.paid) === 0) continue;
    pending.push({ ...group, amount: subtract(group.due, group.paid) });
  }
  return pending;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Adjustment lines in a fixed order: corrected period, deal id (period lines first), component id. */
export function sortAdjustments(pending: PendingAdjustment[]): PendingAdjustment[] {
  return pending.sort(
    (a, b) =>
      compareText(periodRange(a.ofPeriod).first, periodRange(b.ofPeriod).first) ||
      compareText(a.ofPeriod, b.ofPeriod) ||
      compareText(a.dealId ?? '', b.dealId ?? '') ||
      compareText(a.componentId ?? '', b.componentId ?? ''),
  );
}

/** What the engine knows about why a group changed, for the explain text. */
export interface AdjustmentCauses {
  /** The deals that were cancelled, by id (the only ones an explanation needs). */
  deals: ReadonlyMap<string, Deal>;
  /** The clawback window of the plan version of each closed period (undefined: none). */
  clawbackDays: (period: PeriodId) => number | undefined;
  /** planFrom recorded when each closed period was paid, and the version's from now. */
  paidPlanFrom: (period: PeriodId) => string | null | undefined;
  planFromNow: (period: PeriodId) => string | null;
  planId: string;
}

/**
 * `Correction to 2026-Q1: deal 006-acme was cancelled on 2026-04-20, within 90 days — its 4,800.00 is taken back`,
 * `Correction to 2026-Q1: plan ae-2026 changed — was 8,000.00, now 10,500.00`, or the plain
 * `Correction to 2026-Q1: deal 006-acme (component accel) — was 1,000.00, now 1,200.00`.
 */
function explainAdjustment(adjustment: PendingAdjustment, currency: string, causes: AdjustmentCauses): string {
  const head = `Correction to ${adjustment.ofPeriod}:`;
  const was = reading(adjustment.paid, currency);
  const now = reading(adjustment.due, currency);
  const deal = adjustment.dealId === null ? undefined : causes.deals.get(adjustment.dealId);
  const window = causes.clawbackDays(adjustment.ofPeriod);
  if (
    deal?.cancelDate !== undefined &&
    window !== undefined &&
    daysBetween(deal.closeDate, deal.cancelDate) <= window &&
    adjustment.due.units === 0n
  ) {
    return `${head} deal ${deal.id} was cancelled on ${deal.cancelDate}, within ${window} days — its ${was} is taken back`;
  }
  const paidFrom = causes.paidPlanFrom(adjustment.ofPeriod);
  if (paidFrom !== undefined && paidFrom !== causes.planFromNow(adjustment.ofPeriod)) {
    return `${head} plan ${causes.planId} changed — was ${was}, now ${now}`;
  }
  const what =
    adjustment.dealId === null
      ? adjustment.componentId === null
        ? 'the plan cap'
        : `component ${adjustment.componentId}`
      : `deal ${adjustment.dealId}${adjustment.componentId === null ? '' : ` (component ${adjustment.componentId})`}`;
  return `${head} ${what} — was ${was}, now ${now}`;
}

/** The output line of an adjustment. */
export function adjustmentLine(
  adjustment: PendingAdjustment,
  currency: string,
  minorUnits: number,
  causes: AdjustmentCauses,
): Line {
  const line: Line = { kind: 'adjustment', ofPeriod: adjustment.ofPeriod, amount: '', explain: '' };
  const out: Line = {
    ...(adjustment.dealId === null ? {} : { dealId: adjustment.dealId }),
    ...(adjustment.componentId === null ? {} : { componentId: adjustment.componentId }),
    ...line,
  };
  out.amount = moneyText(adjustment.amount, minorUnits);
  out.explain = explainAdjustment(adjustment, currency, causes);
  return out;
}

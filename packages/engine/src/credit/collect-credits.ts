import { type CompiledPlan, markCredit } from '../components/compiled-plan.js';
import { Decimal, multiply, ONE, parseValidDecimal } from '../money/decimal.js';
import { formatMoneyForReading } from '../money/money.js';
import type { Assignment, Deal, PeriodId, PeriodKind, Warning } from '../types.js';
import { periodContaining } from '../values/dates.js';
import { Credit } from './credit.js';
import type { PreparedInput } from './prepared-input.js';
import type { Scope } from './scope.js';

/**
 * The deals of one (rep, plan, period) statement. Only references are kept here; the credits (parsed
 * amounts, shares, conversions, filter results) are made when the statement is built, so they die young
 * instead of all living at once. Measured on 400,000 deals, making them up front costs about twice the
 * time, nearly all of it in the garbage collector.
 */
export interface Bucket {
  repId: string;
  plan: CompiledPlan;
  period: PeriodId;
  deals: Deal[];
  /** The rep's split percent on `deals[i]`, or undefined for an owner credit without splits. */
  splitPercents: (string | undefined)[];
}

/** A rep's assignments (sorted by start, never overlapping), each with its plan and its plan's buckets. */
interface RepRoute {
  assignments: readonly Assignment[];
  plans: CompiledPlan[];
  buckets: Map<PeriodId, Bucket>[];
}

/** Index of the assignment whose dates (inclusive) cover `date`, or -1. */
function coveringIndex(assignments: readonly Assignment[], date: string): number {
  for (let i = 0; i < assignments.length; i++) {
    const assignment = assignments[i]!;
    if (assignment.from > date) return -1;
    if (assignment.to === undefined || date <= assignment.to) return i;
  }
  return -1;
}

/** `percent / 100`, exactly (`"60"` → 0.60), parsed once per distinct text. */
function shareOf(percent: string, shares: Map<string, Decimal>): Decimal {
  let share = shares.get(percent);
  if (share === undefined) {
    const parsed = parseValidDecimal(percent);
    share = new Decimal(parsed.units, parsed.scale + 2);
    shares.set(percent, share);
  }
  return share;
}

/** Whether decimal text is below zero (`-0.00` is not). */
function isNegativeText(text: string): boolean {
  if (text.charCodeAt(0) !== 45) return false;
  for (let i = 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 49 && code <= 57) return true;
  }
  return false;
}

function noRate(
  deal: Deal,
  repId: string,
  plan: CompiledPlan,
  period: PeriodId,
  currency: string,
  missing: string,
): Warning {
  return {
    code: 'NO_RATE',
    message: `No ${missing} exchange rate is in force on ${deal.closeDate}, so rep ${repId}'s credit on deal ${deal.id} (${currency} into ${plan.currency}) is dropped`,
    dealId: deal.id,
    repId,
    planId: plan.id,
    period,
  };
}

/**
 * Routes deals to statement buckets (§3.1–3.2) and collects the warnings found on the way
 * (NEGATIVE_AMOUNT, NO_PLAN, and NO_RATE for credits outside the scope whose warning it still reports).
 */
export class CreditCollector {
  /** Every bucket, in creation order. */
  readonly buckets: Bucket[] = [];
  readonly warnings: Warning[] = [];
  /** Per rep: assignments with their plans and bucket maps, so a credit costs one lookup by rep id. */
  private readonly routes = new Map<string, RepRoute | null>();
  /** Close date → period id, per period kind (a few hundred dates serve every deal). */
  private readonly periodOf: Record<PeriodKind, Map<string, PeriodId>> = {
    month: new Map(),
    quarter: new Map(),
    year: new Map(),
  };

  constructor(
    private readonly prepared: PreparedInput,
    private readonly scope: Scope | undefined,
  ) {}

  private routeOf(repId: string): RepRoute | null {
    let route = this.routes.get(repId);
    if (route === undefined) {
      const assignments = this.prepared.assignments.of(repId);
      if (assignments.length === 0) route = null;
      else {
        // Assignments of one rep to the same plan share their statements (one bucket map per plan).
        const mapsByPlan = new Map<CompiledPlan, Map<PeriodId, Bucket>>();
        const plans = assignments.map((assignment) => this.prepared.plans.get(assignment.planId)!);
        const buckets = plans.map((plan) => {
          let map = mapsByPlan.get(plan);
          if (map === undefined) {
            map = new Map();
            mapsByPlan.set(plan, map);
          }
          return map;
        });
        route = { assignments, plans, buckets };
      }
      this.routes.set(repId, route);
    }
    return route;
  }

  bucketFor(repId: string, plan: CompiledPlan, period: PeriodId): Bucket {
    const route = this.routeOf(repId)!;
    return this.bucketIn(route.buckets[route.plans.indexOf(plan)]!, repId, plan, period);
  }

  private bucketIn(map: Map<PeriodId, Bucket>, repId: string, plan: CompiledPlan, period: PeriodId): Bucket {
    let bucket = map.get(period);
    if (bucket === undefined) {
      bucket = { repId, plan, period, deals: [], splitPercents: [] };
      map.set(period, bucket);
      this.buckets.push(bucket);
    }
    return bucket;
  }

  private period(closeDate: string, kind: PeriodKind): PeriodId {
    const cache = this.periodOf[kind];
    let period = cache.get(closeDate);
    if (period === undefined) {
      period = periodContaining(closeDate, kind);
      cache.set(closeDate, period);
    }
    return period;
  }

  addDeal(deal: Deal): void {
    if (!deal.won) return;
    const splits = deal.splits;
    const hasSplits = splits !== undefined && splits.length > 0;
    const reps = this.scope?.reps;
    if (reps !== undefined) {
      if (!hasSplits && !reps.has(deal.ownerId)) return;
      if (hasSplits && !splits.some((split) => reps.has(split.repId))) return;
    }
    if (isNegativeText(deal.amount)) {
      const scope = this.scope;
      const recipients = hasSplits ? splits.map((split) => split.repId) : [deal.ownerId];
      if (scope === undefined || recipients.some((repId) => scope.includesDealWarning(repId, deal.closeDate))) {
        const currency = deal.currency ?? this.prepared.corporateCurrency;
        this.warnings.push({
          code: 'NEGATIVE_AMOUNT',
          message: `Deal ${deal.id} has a negative amount (${formatMoneyForReading(parseValidDecimal(deal.amount), currency)} ${currency}), so it earns no credit`,
          dealId: deal.id,
          repId: deal.ownerId,
        });
      }
      return;
    }
    if (!hasSplits) {
      this.route(deal, deal.ownerId, undefined);
      return;
    }
    for (const split of splits) {
      if (reps !== undefined && !reps.has(split.repId)) continue;
      this.route(deal, split.repId, split.percent);
    }
  }

  private route(deal: Deal, repId: string, splitPercent: string | undefined): void {
    const scope = this.scope;
    const closeDate = deal.closeDate;
    const route = this.routeOf(repId);
    const index = route === null ? -1 : coveringIndex(route.assignments, closeDate);
    if (index < 0) {
      if (scope === undefined || scope.includesDealWarning(repId, closeDate)) {
        this.warnings.push({
          code: 'NO_PLAN',
          message: `Rep ${repId} has no plan assignment on ${closeDate}, so their credit on deal ${deal.id} is dropped`,
          dealId: deal.id,
          repId,
        });
      }
      return;
    }
    const plan = route!.plans[index]!;
    const period = this.period(closeDate, plan.period);
    if (scope !== undefined && !scope.includesStatement(repId, plan.id, period)) {
      // Outside the scope the credit matters only for a NO_RATE warning the scope still reports.
      const currency = deal.currency ?? this.prepared.corporateCurrency;
      if (currency === plan.currency || !scope.includesDealWarning(repId, closeDate)) return;
      const missing = this.prepared.rates.missingRate(currency, plan.currency, closeDate);
      if (missing !== undefined) this.warnings.push(noRate(deal, repId, plan, period, currency, missing));
      return;
    }
    const bucket = this.bucketIn(route!.buckets[index]!, repId, plan, period);
    bucket.deals.push(deal);
    bucket.splitPercents.push(splitPercent);
  }
}

/**
 * One credit (§3.3): amount × share, converted into the plan currency at the rates in force on the
 * close date, with the plan's filters evaluated on it. Without a rate: which currency lacks one.
 */
function makeCredit(
  deal: Deal,
  repId: string,
  splitPercent: string | undefined,
  plan: CompiledPlan,
  prepared: PreparedInput,
): Credit | { currency: string; missing: string } {
  const amount = parseValidDecimal(deal.amount);
  const share = splitPercent === undefined ? ONE : shareOf(splitPercent, prepared.shares);
  const shared = splitPercent === undefined ? amount : multiply(amount, share);
  const currency = deal.currency ?? prepared.corporateCurrency;
  let credited = shared;
  if (currency !== plan.currency) {
    const converted = prepared.rates.convert(shared, currency, plan.currency, deal.closeDate);
    if (!(converted instanceof Decimal)) return { currency, missing: converted.missing };
    credited = converted;
  }
  const credit = new Credit(deal, repId, amount, currency, share, splitPercent, credited, currency !== plan.currency);
  markCredit(plan, credit);
  return credit;
}

/** The credits of a bucket, in no particular order; each credit without a rate adds a NO_RATE warning instead. */
export function creditsOf(bucket: Bucket, prepared: PreparedInput, warnings: Warning[]): Credit[] {
  const { deals, splitPercents, plan, repId, period } = bucket;
  const credits: Credit[] = [];
  for (let i = 0; i < deals.length; i++) {
    const deal = deals[i]!;
    const credit = makeCredit(deal, repId, splitPercents[i], plan, prepared);
    if (credit instanceof Credit) credits.push(credit);
    else warnings.push(noRate(deal, repId, plan, period, credit.currency, credit.missing));
  }
  return credits;
}

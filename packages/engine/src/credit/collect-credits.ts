import { type CompiledPlan, markCredit } from '../components/compiled-plan.js';
import { Decimal, multiply, ONE, parseValidDecimal } from '../money/decimal.js';
import type { Exact } from '../money/exact.js';
import { formatMoneyForReading } from '../money/money.js';
import { cancelledWarning, isClawedBack } from '../team/cancellations.js';
import { type TeamShare, teamShares } from '../team/team-credit.js';
import type { Assignment, Deal, PeriodId, PeriodKind, Warning } from '../types.js';
import { periodContaining } from '../values/dates.js';
import type { PlanVersions } from '../versions/plan-versions.js';
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
  /** The plan version in force for this period (v2 §2; a v1 plan has one). */
  plan: CompiledPlan;
  versions: PlanVersions;
  period: PeriodId;
  deals: Deal[];
  /** The rep's split percent on `deals[i]`, or undefined for an owner credit without splits. */
  splitPercents: (string | undefined)[];
  /** v2 §3: the team behind `deals[i]` on a team plan (then splitPercents[i] is the team percent). */
  teams: (TeamShare | undefined)[] | undefined;
  /** v2 §6: a draw plan makes this statement exist (a period of an assignment started by asOf). */
  byDraw: boolean;
  /** Whether the statement is one the run reports; others are computed only as history (draws, adjustments). */
  inScope: boolean;
  /**
   * Whether a quota makes this statement exist (§3.4). Without one, a bucket whose deals all end up
   * dropped (NO_RATE) is no statement: a dropped credit is no credit.
   */
  byQuota: boolean;
}

/** A rep's assignments (sorted by start, never overlapping), each with its plan and its plan's buckets. */
interface RepRoute {
  assignments: readonly Assignment[];
  plans: PlanVersions[];
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
        const mapsByPlan = new Map<PlanVersions, Map<PeriodId, Bucket>>();
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

  /** The bucket of (rep, plan, period), made when missing; the plan must have a version for the period. */
  bucketFor(repId: string, versions: PlanVersions, period: PeriodId): Bucket {
    const route = this.routeOf(repId)!;
    return this.bucketIn(route.buckets[route.plans.indexOf(versions)]!, repId, versions, period);
  }

  /**
   * Whether a run computes (rep, plan, period): the scope's own statements, and for plans whose
   * statements depend on earlier ones (draws, closed periods) every period of a rep in the scope.
   */
  computes(repId: string, planId: string, period: PeriodId): boolean {
    const scope = this.scope;
    if (scope === undefined || scope.includesStatement(repId, planId, period)) return true;
    return this.prepared.historyPlans.has(planId) && (scope.reps === undefined || scope.reps.has(repId));
  }

  private bucketIn(map: Map<PeriodId, Bucket>, repId: string, versions: PlanVersions, period: PeriodId): Bucket {
    let bucket = map.get(period);
    if (bucket === undefined) {
      const plan = versions.versionFor(period)!;
      const inScope = this.scope === undefined || this.scope.includesStatement(repId, plan.id, period);
      bucket = {
        repId,
        plan,
        versions,
        period,
        deals: [],
        splitPercents: [],
        teams: undefined,
        byQuota: false,
        byDraw: false,
        inScope,
      };
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
    // Team plans credit managers with other reps' deals: then no deal can be skipped by its reps.
    const reps = this.prepared.hierarchy === undefined ? this.scope?.reps : undefined;
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
    if (!hasSplits) this.route(deal, deal.ownerId, undefined);
    else
      for (const split of splits) {
        if (reps !== undefined && !reps.has(split.repId)) continue;
        this.route(deal, split.repId, split.percent);
      }
    if (this.prepared.hierarchy !== undefined) this.routeTeams(deal);
  }

  /** v2 §3: each manager on a team plan whose team (or self) is on the deal gets one team credit. */
  private routeTeams(deal: Deal): void {
    for (const team of teamShares(deal, this.prepared.hierarchy!)) {
      const route = this.routeOf(team.managerId);
      const index = route === null ? -1 : coveringIndex(route.assignments, deal.closeDate);
      if (index < 0) continue; // a manager without a plan that day earns nothing from the team
      const versions = route!.plans[index]!;
      const period = this.period(deal.closeDate, versions.period);
      const version = versions.versionFor(period);
      if (version === undefined || !version.team) continue;
      if (!this.computes(team.managerId, versions.id, period)) {
        this.outOfScopeWarnings(deal, team.managerId, version, period);
        continue;
      }
      const bucket = this.bucketIn(route!.buckets[index]!, team.managerId, versions, period);
      bucket.teams ??= new Array(bucket.deals.length);
      bucket.deals.push(deal);
      bucket.splitPercents.push(team.percent);
      bucket.teams.push(team);
    }
  }

  /** Outside the scope a credit matters only for the CANCELLED or NO_RATE warning the scope still reports. */
  private outOfScopeWarnings(deal: Deal, repId: string, plan: CompiledPlan, period: PeriodId): void {
    const scope = this.scope!;
    if (!scope.includesDealWarning(repId, deal.closeDate)) return;
    if (isClawedBack(deal, plan)) {
      this.warnings.push(cancelledWarning(deal, repId, plan, period));
      return;
    }
    const currency = deal.currency ?? this.prepared.corporateCurrency;
    if (currency === plan.currency) return;
    const missing = this.prepared.rates.missingRate(currency, plan.currency, deal.closeDate);
    if (missing !== undefined) this.warnings.push(noRate(deal, repId, plan, period, currency, missing));
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
    const versions = route!.plans[index]!;
    const period = this.period(closeDate, versions.period);
    const plan = versions.versionFor(period);
    if (plan === undefined) {
      // v2 §2: a period before every version's `from` has no plan.
      if (scope === undefined || scope.includesDealWarning(repId, closeDate)) {
        this.warnings.push({
          code: 'NO_PLAN',
          message: `Plan ${versions.id} has no version in force in ${period}, so rep ${repId}'s credit on deal ${deal.id} is dropped`,
          dealId: deal.id,
          repId,
        });
      }
      return;
    }
    if (plan.team) return; // a team plan credits its rep through routeTeams (their own share included)
    if (scope !== undefined && !this.computes(repId, plan.id, period)) {
      this.outOfScopeWarnings(deal, repId, plan, period);
      return;
    }
    const bucket = this.bucketIn(route!.buckets[index]!, repId, versions, period);
    bucket.deals.push(deal);
    bucket.splitPercents.push(splitPercent);
    if (bucket.teams !== undefined) bucket.teams.push(undefined);
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
  team: TeamShare | undefined,
): Credit | { currency: string; missing: string } {
  const amount = parseValidDecimal(deal.amount);
  const share = splitPercent === undefined ? ONE : shareOf(splitPercent, prepared.shares);
  const shared = splitPercent === undefined ? amount : multiply(amount, share);
  const currency = deal.currency ?? prepared.corporateCurrency;
  let credited: Exact = shared;
  if (currency !== plan.currency) {
    const converted = prepared.rates.convert(shared, currency, plan.currency, deal.closeDate);
    if ('missing' in converted) return { currency, missing: converted.missing };
    credited = converted;
  }
  const credit = new Credit(deal, repId, amount, currency, share, splitPercent, credited, currency !== plan.currency);
  credit.team = team;
  markCredit(plan, credit);
  return credit;
}

/**
 * The credits of a bucket, in no particular order. A credit clawed back (v2 §5) adds a CANCELLED
 * warning instead, one without a rate a NO_RATE warning.
 */
export function creditsOf(bucket: Bucket, prepared: PreparedInput, warnings: Warning[]): Credit[] {
  const { deals, splitPercents, plan, repId, period, teams } = bucket;
  const credits: Credit[] = [];
  const clawback = plan.clawbackDays !== undefined;
  for (let i = 0; i < deals.length; i++) {
    const deal = deals[i]!;
    if (clawback && isClawedBack(deal, plan)) {
      warnings.push(cancelledWarning(deal, repId, plan, period));
      continue;
    }
    const credit = makeCredit(deal, repId, splitPercents[i], plan, prepared, teams?.[i]);
    if (credit instanceof Credit) credits.push(credit);
    else warnings.push(noRate(deal, repId, plan, period, credit.currency, credit.missing));
  }
  return credits;
}

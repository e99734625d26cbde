import { type CompiledPlan, compilePlan } from '../components/compiled-plan.js';
import type { PeriodId, PeriodKind, Plan } from '../types.js';
import { periodRange } from '../values/dates.js';

/**
 * Every version of one plan id (v2 §2), sorted by `from` (the version without `from` first). A v1
 * plan is one version without `from`. A statement uses the version in force on its period's first day.
 */
export class PlanVersions {
  readonly id: string;
  readonly currency: string;
  readonly minorUnits: number;
  readonly period: PeriodKind;
  readonly versions: CompiledPlan[];
  /** §6: some version has a draw, so the plan keeps a balance per rep. */
  readonly hasDraw: boolean;
  /** §3: some version credits teams. */
  readonly hasTeam: boolean;
  private readonly byPeriod = new Map<PeriodId, CompiledPlan | null>();

  constructor(plans: readonly Plan[]) {
    const compiled = plans.map(compilePlan);
    compiled.sort((a, b) =>
      a.from === b.from ? 0 : a.from === undefined ? -1 : b.from === undefined ? 1 : a.from < b.from ? -1 : 1,
    );
    const first = compiled[0]!;
    this.id = first.id;
    this.currency = first.currency;
    this.minorUnits = first.minorUnits;
    this.period = first.period;
    this.versions = compiled;
    this.hasDraw = compiled.some((version) => version.draw !== undefined);
    this.hasTeam = compiled.some((version) => version.team);
  }

  /** The version in force on the first day of `period`, or undefined before every version's `from`. */
  versionFor(period: PeriodId): CompiledPlan | undefined {
    const versions = this.versions;
    if (versions.length === 1 && versions[0]!.from === undefined) return versions[0];
    let version = this.byPeriod.get(period);
    if (version === undefined) {
      const first = periodRange(period).first;
      version = null;
      for (const candidate of versions)
        if (candidate.from === undefined || candidate.from <= first) version = candidate;
      this.byPeriod.set(period, version);
    }
    return version ?? undefined;
  }
}

/** Plan versions by id, from a validated document's plans. */
export function planVersionsOf(plans: readonly Plan[]): Map<string, PlanVersions> {
  const grouped = new Map<string, Plan[]>();
  for (const plan of plans) {
    const list = grouped.get(plan.id);
    if (list) list.push(plan);
    else grouped.set(plan.id, [plan]);
  }
  const out = new Map<string, PlanVersions>();
  for (const [id, list] of grouped) out.set(id, new PlanVersions(list));
  return out;
}

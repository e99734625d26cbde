import { payBonus } from './components/bonus.js';
import { capComponent, capPlan } from './components/caps.js';
import type { CompiledPlan } from './components/compiled-plan.js';
import type { StatementContext } from './components/context.js';
import { LineWriter } from './components/line-writer.js';
import { payPercent } from './components/percent.js';
import { payTiered } from './components/tiered.js';
import { type Credit, sortCredits } from './credit/credit.js';
import { Decimal, multiply, toFixedDigits, ZERO } from './money/decimal.js';
import { addExact, compareExact, type Exact, roundQuotientExact, roundRatioUnits } from './money/exact.js';
import { roundHalfAwayFromZero } from './money/rounding.js';
import type { PeriodId, Statement, Warning } from './types.js';

/** Attainment is shown with 4 decimals (§4). */
const ATTAINMENT_DECIMALS = 4;

/**
 * One statement from its credits (§3.4–3.13): order the credits, walk their quota positions, let each
 * component write its lines (gates and missing quotas first), cap, total.
 * `credits` is sorted in place.
 */
export function buildStatement(
  repId: string,
  plan: CompiledPlan,
  period: PeriodId,
  credits: Credit[],
  quotaAmount: Decimal | undefined,
): { statement: Statement; warning: Warning | undefined } {
  sortCredits(credits);
  const count = credits.length;
  const counts: boolean[] = new Array(count);
  const before: Exact[] = new Array(count);
  const after: Exact[] = new Array(count);
  let position: Exact = ZERO;
  for (let i = 0; i < count; i++) {
    const credit = credits[i]!;
    const counted = credit.counts;
    counts[i] = counted;
    before[i] = position;
    if (counted) position = addExact(position, credit.credited);
    after[i] = position;
  }
  const credited = position;
  const quota = quotaAmount !== undefined && quotaAmount.units !== 0n ? quotaAmount : undefined;
  const attainment = quota === undefined ? undefined : roundQuotientExact(credited, quota, ATTAINMENT_DECIMALS);
  const writer = new LineWriter(plan.currency, plan.minorUnits);
  const context: StatementContext = { plan, credits, counts, before, after, credited, quota, attainment, writer };

  for (const component of plan.components) {
    if (component.needsAttainment && quota === undefined) continue; // pays nothing: QUOTA_MISSING below
    // Gate (§3.7): compared exactly, Q < minAttainment × quota, not on the 4-decimal display.
    if (component.minAttainment !== undefined && compareExact(credited, multiply(component.minAttainment, quota!)) < 0)
      continue;
    const totalBefore = writer.total;
    if (component.type === 'percent') payPercent(component, context);
    else if (component.type === 'tiered') payTiered(component, context);
    else payBonus(component, context);
    capComponent(writer, component.id, component.cap, writer.total - totalBefore, plan.period);
  }
  capPlan(writer, plan.id, plan.cap, plan.period);

  const statement: Statement = {
    repId,
    planId: plan.id,
    period,
    currency: plan.currency,
    quota: quotaAmount === undefined ? null : toFixedDigits(roundHalfAwayFromZero(quotaAmount, plan.minorUnits)),
    credited:
      credited instanceof Decimal
        ? toFixedDigits(roundHalfAwayFromZero(credited, plan.minorUnits))
        : toFixedDigits(new Decimal(roundRatioUnits(credited, plan.minorUnits), plan.minorUnits)),
    attainment: attainment === undefined ? null : toFixedDigits(attainment),
    total: toFixedDigits(new Decimal(writer.total, plan.minorUnits)),
    lines: writer.lines,
  };
  let warning: Warning | undefined;
  if (quota === undefined && plan.attainmentComponentIds.length > 0) {
    const needing = plan.attainmentComponentIds.map((id) => `"${id}"`).join(', ');
    warning = {
      code: 'QUOTA_MISSING',
      message: `${quotaAmount === undefined ? 'No quota' : 'A zero quota'} for rep ${repId} in ${period}: attainment is undefined, so ${needing} ${plan.attainmentComponentIds.length === 1 ? 'pays' : 'pay'} nothing`,
      repId,
      planId: plan.id,
      period,
    };
  }
  return { statement, warning };
}

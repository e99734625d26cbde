import type { CompiledPlan } from '../components/compiled-plan.js';
import type { Deal, PeriodId, Warning } from '../types.js';
import { daysBetween } from '../values/dates.js';

/** v2 §5: the deal was cancelled within the plan version's clawbackDays of its close date. */
export function isClawedBack(deal: Deal, plan: CompiledPlan): boolean {
  const days = plan.clawbackDays;
  const cancelDate = deal.cancelDate;
  if (days === undefined || cancelDate === undefined) return false;
  return daysBetween(deal.closeDate, cancelDate) <= days;
}

export function cancelledWarning(deal: Deal, repId: string, plan: CompiledPlan, period: PeriodId): Warning {
  const days = daysBetween(deal.closeDate, deal.cancelDate!);
  return {
    code: 'CANCELLED',
    message: `Deal ${deal.id} was cancelled on ${deal.cancelDate}, ${days} day${days === 1 ? '' : 's'} after it closed (within plan ${plan.id}'s ${plan.clawbackDays}), so rep ${repId}'s credit is taken back`,
    dealId: deal.id,
    repId,
    planId: plan.id,
    period,
  };
}

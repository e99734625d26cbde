/**
 * The engine's deal-level warnings, surfaced per record for ops as notices (`@attain/store`'s notice store).
 *
 * NO_PLAN and NEGATIVE_AMOUNT depend only on the deal and the assignments, so they are derived when a
 * deal is stored (sync, re-index) — the only place that sees a won deal whose reps have no plan at
 * all: such a deal touches no statement, so no compute ever runs for it and the engine never gets to
 * warn. NO_RATE depends on rates and plan currencies and is taken from the engine's own warnings
 * in the compute job of the statement key it belongs to.
 */
import type { Deal, StatementKey, Warning } from '@attain/engine';
import { isNegativeText } from '@attain/engine';
import { NoticeCode, type NoticeInput } from '@attain/store';

/** NEGATIVE_AMOUNT, or one NO_PLAN per credited rep without a plan on the close date (a key's absence says so). */
export function dealNotices(object: string, deal: Deal, keys: StatementKey[]): NoticeInput[] {
  if (!deal.won) return [];
  const base = { recordId: deal.id, object, dealId: deal.id };
  if (isNegativeText(deal.amount)) {
    return [
      {
        ...base,
        code: NoticeCode.negativeAmount,
        repId: deal.ownerId,
        message: `Deal ${deal.id} has a negative amount (${deal.amount}${deal.currency ? ` ${deal.currency}` : ''}), so it earns no credit`,
      },
    ];
  }
  const credited =
    deal.splits !== undefined && deal.splits.length > 0 ? deal.splits.map((split) => split.repId) : [deal.ownerId];
  const planned = new Set(keys.map((key) => key.repId));
  return [...new Set(credited)]
    .filter((repId) => !planned.has(repId))
    .map((repId) => ({
      ...base,
      code: NoticeCode.noPlan,
      repId,
      message: `Rep ${repId} has no plan assignment on ${deal.closeDate}, so their credit on deal ${deal.id} is dropped`,
    }));
}

/** The compute job's share: NO_RATE warnings of the key's statements, one notice per deal and rep. */
export function computeNotices(object: string, warnings: Warning[]): NoticeInput[] {
  return warnings
    .filter((warning) => warning.code === 'NO_RATE' && warning.dealId !== undefined)
    .map((warning) => ({
      code: NoticeCode.noRate,
      recordId: warning.dealId!,
      object,
      dealId: warning.dealId!,
      ...(warning.repId === undefined ? {} : { repId: warning.repId }),
      ...(warning.planId === undefined ? {} : { planId: warning.planId }),
      ...(warning.period === undefined ? {} : { period: warning.period }),
      message: warning.message,
    }));
}

import { add, compare, Decimal, parseValidDecimal, toPlainString } from '../money/decimal.js';
import type { Deal } from '../types.js';
import type { Hierarchy } from './hierarchy.js';

/** One manager's team credit on one deal (v2 §3). */
export interface TeamShare {
  managerId: string;
  /** The team share as a percent text, at most 100: the smaller of 100 and the members' split percents. */
  percent: string;
  /** The credited reps of the deal in the manager's team (or the manager), with their percents, by rep id. */
  members: { repId: string; percent: string }[];
  /** Whether the members' percents added up to more than 100 (counted once at 100 %). */
  capped: boolean;
}

const HUNDRED = new Decimal(100n, 0);

/**
 * For a won deal with a non-negative amount: every rep who is a v1 recipient (a split rep, or the
 * owner) or manages one on the close date, with the recipients in their team (themselves included).
 * Whether that rep is on a team plan is decided by the caller.
 */
export function teamShares(deal: Deal, hierarchy: Hierarchy): TeamShare[] {
  if (deal.splits === undefined || deal.splits.length === 0) {
    // Most deals: the owner alone, so every manager up the chain gets the whole deal, no sums needed.
    const members = [{ repId: deal.ownerId, percent: '100' }];
    const shares: TeamShare[] = [{ managerId: deal.ownerId, percent: '100', members, capped: false }];
    for (const managerId of hierarchy.chainOf(deal.ownerId, deal.closeDate))
      shares.push({ managerId, percent: '100', members, capped: false });
    return shares;
  }
  const recipients =
    deal.splits !== undefined && deal.splits.length > 0
      ? deal.splits.map((split) => ({ repId: split.repId, percent: split.percent }))
      : [{ repId: deal.ownerId, percent: '100' }];
  const membersOf = new Map<string, { repId: string; percent: string }[]>();
  const join = (managerId: string, member: { repId: string; percent: string }) => {
    const list = membersOf.get(managerId);
    if (list === undefined) membersOf.set(managerId, [member]);
    else if (!list.includes(member)) list.push(member);
  };
  for (const recipient of recipients) {
    join(recipient.repId, recipient);
    for (const managerId of hierarchy.chainOf(recipient.repId, deal.closeDate)) join(managerId, recipient);
  }
  const shares: TeamShare[] = [];
  for (const [managerId, members] of membersOf) {
    members.sort((a, b) => (a.repId < b.repId ? -1 : a.repId > b.repId ? 1 : 0));
    let sum = new Decimal(0n, 0);
    for (const member of members) sum = add(sum, parseValidDecimal(member.percent));
    const capped = compare(sum, HUNDRED) > 0;
    shares.push({ managerId, percent: toPlainString(capped ? HUNDRED : sum), members, capped });
  }
  return shares;
}

import { creditNote } from '../explain.js';
import { type Decimal, multiply } from '../money/decimal.js';
import { compareExact, type Exact, subtractExact } from '../money/exact.js';
import { type CompiledTier, type CompiledTiered, componentMatches } from './compiled-plan.js';
import type { StatementContext } from './context.js';

const PERIOD_NOUN = { month: 'month', quarter: 'quarter', year: 'year' } as const;

/** Tier upper bounds in plan currency: `upTo × quota` (attainment basis) or `upTo` (amount basis). */
export function tierBounds(component: CompiledTiered, quota: Decimal | undefined): (Decimal | undefined)[] {
  return component.tiers.map((tier) => {
    if (tier.upTo === undefined) return undefined;
    if (component.basis === 'amount') return tier.upTo;
    if (quota === undefined) throw new Error('attainment-basis tiers need a quota');
    return multiply(tier.upTo, quota);
  });
}

/** 0-based index of the tier covering `position`: tier i covers [b_{i-1}, b_i), the last is open-ended. */
export function tierIndexAt(bounds: readonly (Decimal | undefined)[], position: Exact): number {
  for (let index = 0; index < bounds.length; index++) {
    const upper = bounds[index];
    if (upper === undefined || compareExact(position, upper) < 0) return index;
  }
  return bounds.length - 1;
}

function payMarginal(component: CompiledTiered, context: StatementContext, bounds: (Decimal | undefined)[]): void {
  const { credits, counts, before, after, writer, plan } = context;
  const { id, tiers } = component;
  for (let i = 0; i < credits.length; i++) {
    const credit = credits[i]!;
    if (!componentMatches(component, credit)) continue;
    const note = creditNote(credit, plan.currency);
    const start = before[i]!;
    let index = tierIndexAt(bounds, start);
    if (!counts[i]) {
      // Not counting toward quota: one line at the tier the statement had reached when it came in.
      const tier = tiers[index]!;
      writer.commission(
        credit,
        id,
        tier.number,
        undefined,
        tier.rate,
        tier.rateText,
        tier.ratePercent,
        ` — ${tier.label}; this deal does not count toward quota${note}`,
      );
      continue;
    }
    // Counting: cut [before, after) at the tier bounds; every non-empty piece is a line.
    const end = after[i]!;
    let pieceStart = start;
    while (compareExact(pieceStart, end) < 0) {
      const tier: CompiledTier = tiers[index]!;
      const upper = bounds[index];
      const pieceEnd = upper === undefined || compareExact(end, upper) <= 0 ? end : upper;
      const whole = pieceStart === start && pieceEnd === end; // the common case: no bound inside the credit
      writer.commission(
        credit,
        id,
        tier.number,
        whole ? undefined : subtractExact(pieceEnd, pieceStart),
        tier.rate,
        tier.rateText,
        tier.ratePercent,
        ` — ${tier.label}${note}`,
      );
      pieceStart = pieceEnd;
      index++;
    }
  }
}

function payRetroactive(component: CompiledTiered, context: StatementContext, bounds: (Decimal | undefined)[]): void {
  const { credits, writer, plan, credited } = context;
  const { id } = component;
  // Reaching a bound exactly puts the statement in the higher tier ([b_{k-1}, b_k) is half-open).
  const tier = component.tiers[tierIndexAt(bounds, credited)]!;
  const reached = ` — ${tier.label}, the tier reached this ${PERIOD_NOUN[plan.period]}`;
  for (const credit of credits) {
    if (!componentMatches(component, credit)) continue;
    writer.commission(
      credit,
      id,
      tier.number,
      undefined,
      tier.rate,
      tier.rateText,
      tier.ratePercent,
      reached + creditNote(credit, plan.currency),
    );
  }
}

/** §3.9: marginal (cut at the bounds) or retroactive (the final tier pays every credit). */
export function payTiered(component: CompiledTiered, context: StatementContext): void {
  const bounds = tierBounds(component, context.quota);
  if (component.mode === 'marginal') payMarginal(component, context, bounds);
  else payRetroactive(component, context, bounds);
}

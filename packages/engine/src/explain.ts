import type { Credit } from './credit/credit.js';
import { type Decimal, ZERO } from './money/decimal.js';
import { formatMoneyForReading, formatPercent } from './money/money.js';
import type { PeriodKind } from './types.js';

/*
 * The sentences reps read on each line. They name the numbers the line multiplies, the tier and its
 * range, and where a credit came from (a split, another currency), in plain words.
 */

const PER_PERIOD: Record<PeriodKind, string> = { month: 'per month', quarter: 'per quarter', year: 'per year' };
const PERIOD_ADJECTIVE: Record<PeriodKind, string> = { month: 'Monthly', quarter: 'Quarterly', year: 'Annual' };

/** `50%–100% of quota`, `100% of quota and above`, `50,000.00–100,000.00 credited`, `100,000.00 credited and above`. */
export function describeTierRange(
  basis: 'attainment' | 'amount',
  lower: Decimal | undefined,
  upper: Decimal | undefined,
  currency: string,
): string {
  if (basis === 'attainment') {
    const from = formatPercent(lower ?? ZERO);
    return upper === undefined ? `${from} of quota and above` : `${from}–${formatPercent(upper)} of quota`;
  }
  const from = formatMoneyForReading(lower ?? ZERO, currency);
  return upper === undefined
    ? `${from} credited and above`
    : `${from}–${formatMoneyForReading(upper, currency)} credited`;
}

/** `, on your 60% split of 20,000.00` / `, on 10,000.00 EUR converted to USD` / '' for a plain credit. */
export function creditNote(credit: Credit, planCurrency: string): string {
  if (credit.note !== undefined) return credit.note;
  let note = '';
  if (credit.team !== undefined) {
    note = ` — ${teamText(credit)}`;
    if (credit.converted)
      note += `, on ${formatMoneyForReading(credit.dealAmount, credit.currency)} ${credit.currency} converted to ${planCurrency}`;
  } else if (credit.splitPercent !== undefined || credit.converted) {
    const dealAmount = formatMoneyForReading(credit.dealAmount, credit.currency);
    const split = credit.splitPercent === undefined ? '' : `your ${formatPercent(credit.share)} split of `;
    note = credit.converted
      ? `, on ${split}${dealAmount} ${credit.currency} converted to ${planCurrency}`
      : `, on ${split}${dealAmount}`;
  }
  credit.note = note;
  return note;
}

/**
 * v2 §3: `team credit (a 60% + b 100%, counted once at 100%)`, `team credit (a 60% + b 20% = 80%)`,
 * `team credit (a 100%)`.
 */
function teamText(credit: Credit): string {
  const team = credit.team!;
  const parts = team.members.map((member) => `${member.repId} ${member.percent}%`).join(' + ');
  if (team.capped) return `team credit (${parts}, counted once at 100%)`;
  return team.members.length === 1 ? `team credit (${parts})` : `team credit (${parts} = ${team.percent}%)`;
}

/** `Per-deal bonus 500.00 × 60% split share` or `Per-deal bonus 500.00`. */
export function perDealBonusExplain(amountReading: string, credit: Credit): string {
  if (credit.team !== undefined)
    return `Per-deal bonus ${amountReading} × ${formatPercent(credit.share)} ${teamText(credit)}`;
  return credit.splitPercent === undefined
    ? `Per-deal bonus ${amountReading}`
    : `Per-deal bonus ${amountReading} × ${formatPercent(credit.share)} split share`;
}

/** `Quarterly bonus 2,000.00` or, behind a gate, `Quarterly bonus 2,000.00 — attainment 104.5% reached the 100% minimum`. */
export function periodBonusExplain(
  period: PeriodKind,
  amountReading: string,
  gate?: { minimum: Decimal; attainment: Decimal },
): string {
  const head = `${PERIOD_ADJECTIVE[period]} bonus ${amountReading}`;
  if (gate === undefined) return head;
  return `${head} — attainment ${formatPercent(gate.attainment)} reached the ${formatPercent(gate.minimum)} minimum`;
}

/** `Capped: component "accel" pays at most 20,000.00 per quarter`. */
export function componentCapExplain(componentId: string, capReading: string, period: PeriodKind): string {
  return `Capped: component "${componentId}" pays at most ${capReading} ${PER_PERIOD[period]}`;
}

/** `Capped: plan "ae-2026" pays at most 100,000.00 per quarter`. */
export function planCapExplain(planId: string, capReading: string, period: PeriodKind): string {
  return `Capped: plan "${planId}" pays at most ${capReading} ${PER_PERIOD[period]}`;
}

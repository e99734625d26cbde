import type { Decimal } from '../money/decimal.js';
import type { Exact } from '../money/exact.js';
import type { TeamShare } from '../team/team-credit.js';
import type { Deal, FieldValue } from '../types.js';

const NO_FIELDS: Readonly<Record<string, FieldValue>> = Object.freeze({});

/**
 * One rep's share of one won deal, already in the plan's currency (plan-language v1 §3.1–3.3).
 * The deal attributes statements read often are copied here so every access has one shape.
 */
export class Credit {
  readonly dealId: string;
  readonly closeDate: string;
  /** closeDate as the integer YYYYMMDD: sorting compares these instead of text (same order). */
  readonly day: number;
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** Whether the credit matches the plan's quotaFilter (counts toward quota); set when the credit is made. */
  counts = true;
  /** Bit `component.bit` is set when the component's filter matches; set when the credit is made. */
  matches = 0;
  /** Caches for the explain texts: the note about splits/conversion, the credited amount as money text. */
  note: string | undefined = undefined;
  creditedText: string | undefined = undefined;
  /** v2 §3: the team behind a team credit (then `share` is the team share). */
  team: TeamShare | undefined = undefined;

  constructor(
    readonly deal: Deal,
    readonly repId: string,
    /** The deal's own amount, in its own currency (what a filter on `amount` compares). */
    readonly dealAmount: Decimal,
    /** The deal's currency (the corporate currency when the deal names none). */
    readonly currency: string,
    /** percent / 100 of the rep's split; 1 without splits. */
    readonly share: Decimal,
    /** The split percent text when the deal has splits, else undefined. */
    readonly splitPercent: string | undefined,
    /** amount × share, converted into the plan currency: a Decimal, or an exact Ratio after a conversion. */
    readonly credited: Exact,
    /** Whether `credited` went through a currency conversion. */
    readonly converted: boolean,
  ) {
    const closeDate = deal.closeDate;
    this.dealId = deal.id;
    this.closeDate = closeDate;
    this.day = dayNumber(closeDate);
    this.fields = deal.fields ?? NO_FIELDS;
  }
}

/** `YYYY-MM-DD` → YYYYMMDD as an integer (a sort key, not a date computation). */
function dayNumber(date: string): number {
  let value = 0;
  for (let i = 0; i < 10; i++) {
    const code = date.charCodeAt(i);
    if (code !== 45) value = value * 10 + (code - 48);
  }
  return value;
}

/** Statement order (§3.5): close date, then deal id, then split rep id — plain text order. */
export function compareCredits(a: Credit, b: Credit): number {
  if (a.day !== b.day) return a.day - b.day;
  if (a.dealId !== b.dealId) return a.dealId < b.dealId ? -1 : 1;
  return a.repId < b.repId ? -1 : a.repId > b.repId ? 1 : 0;
}

/** Below this many credits an inlined insertion sort beats `Array.prototype.sort` with a comparator. */
const INSERTION_SORT_LIMIT = 48;

/** Sorts credits into statement order, in place. */
export function sortCredits(credits: Credit[]): void {
  const count = credits.length;
  if (count > INSERTION_SORT_LIMIT) {
    credits.sort(compareCredits);
    return;
  }
  for (let i = 1; i < count; i++) {
    const credit = credits[i]!;
    let j = i - 1;
    while (j >= 0) {
      const other = credits[j]!;
      // Most statements have few credits per day, so the integer day decides almost every comparison.
      if (other.day < credit.day || (other.day === credit.day && compareCredits(other, credit) <= 0)) break;
      credits[j + 1] = other;
      j--;
    }
    credits[j + 1] = credit;
  }
}

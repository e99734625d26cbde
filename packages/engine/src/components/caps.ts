import { componentCapExplain, planCapExplain } from '../explain.js';
import { Decimal, toFixedDigits } from '../money/decimal.js';
import { groupDecimalText } from '../money/money.js';
import type { PeriodKind } from '../types.js';
import type { LineWriter } from './line-writer.js';

/**
 * §3.12. When lines add up to more than a cap, one `cap` line brings them down to it. Caps are held
 * at the currency's minor units (cut toward zero when given finer), so a capped sum never exceeds the
 * cap as written. A sum at or below the cap — including a negative one — gets no cap line.
 */
function capLine(
  writer: LineWriter,
  componentId: string | undefined,
  cap: Decimal,
  sumUnits: bigint,
  explain: (capReading: string) => string,
): void {
  if (sumUnits <= cap.units) return;
  const reading = groupDecimalText(toFixedDigits(cap));
  writer.fixed(componentId, 'cap', new Decimal(cap.units - sumUnits, cap.scale), explain(reading));
}

/** A component's cap over the lines it wrote (sum in minor units). */
export function capComponent(
  writer: LineWriter,
  componentId: string,
  cap: Decimal | undefined,
  sumUnits: bigint,
  period: PeriodKind,
): void {
  if (cap === undefined) return;
  capLine(writer, componentId, cap, sumUnits, (reading) => componentCapExplain(componentId, reading, period));
}

/** The plan's cap over the whole statement (after component caps). */
export function capPlan(writer: LineWriter, planId: string, cap: Decimal | undefined, period: PeriodKind): void {
  if (cap === undefined) return;
  capLine(writer, undefined, cap, writer.total, (reading) => planCapExplain(planId, reading, period));
}

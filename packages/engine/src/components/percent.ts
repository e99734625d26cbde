import { creditNote } from '../explain.js';
import { type CompiledPercent, componentMatches } from './compiled-plan.js';
import type { StatementContext } from './context.js';

/** §3.8: one line per matching credit, `base` = credited amount, `amount = base × rate`. */
export function payPercent(component: CompiledPercent, context: StatementContext): void {
  const { credits, writer, plan } = context;
  const { id, rate, rateText, ratePercent } = component;
  for (const credit of credits) {
    if (!componentMatches(component, credit)) continue;
    writer.commission(credit, id, undefined, undefined, rate, rateText, ratePercent, creditNote(credit, plan.currency));
  }
}

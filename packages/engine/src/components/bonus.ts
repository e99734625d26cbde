import { perDealBonusExplain, periodBonusExplain } from '../explain.js';
import { toPlainString } from '../money/decimal.js';
import { formatMoneyForReading } from '../money/money.js';
import { type CompiledBonus, componentMatches } from './compiled-plan.js';
import type { StatementContext } from './context.js';

/**
 * §3.10. Per deal: one line per matching credit, `amount = bonus × share` (base = the bonus, rate = the
 * share). Per period: one line with no deal, the full bonus; its filter does not apply.
 */
export function payBonus(component: CompiledBonus, context: StatementContext): void {
  const { writer, plan } = context;
  const reading = formatMoneyForReading(component.amount, plan.currency);
  if (component.per === 'period') {
    const gate =
      component.minAttainment !== undefined && context.attainment !== undefined
        ? { minimum: component.minAttainment, attainment: context.attainment }
        : undefined;
    writer.fixed(component.id, 'bonus', component.amount, periodBonusExplain(plan.period, reading, gate));
    return;
  }
  const bonusText = writer.money(component.amount);
  const { id } = component;
  for (const credit of context.credits) {
    if (!componentMatches(component, credit)) continue;
    const shareText = credit.splitPercent === undefined ? '1' : toPlainString(credit.share);
    writer.dealBonus(credit, id, component.amount, bonusText, shareText, perDealBonusExplain(reading, credit));
  }
}

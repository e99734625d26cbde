/**
 * <attain-earnings> against the real API over a synced seeded org. Queries go by role and
 * accessible name (vitest's page locators pierce the open shadow roots of the test build), so they
 * also check what a screen reader is told.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { Dispute, Estimate, History, PlanFields, StatementView, TierPosition } from '../src/api/types.js';
import '../src/components/attain-earnings.js';
import { call, cleanup, deepActiveElement, mount, type Persona, api as stackApi } from './support/mount.js';
import { quarterOf, STACK_NAMES, STACK_TODAYS } from './support/stacks.js';

afterEach(cleanup);

const linesTable = () => page.getByRole('table', { name: /Commission lines/ });

/**
 * The explanations in the order a reader meets them: per statement, each deal's lines under its
 * heading (deals in order of their first line), then the plan-level lines.
 */
function readingOrder(statements: StatementView['statements']): string[] {
  return statements.flatMap((statement) => {
    const byDeal = new Map<string, string[]>();
    const planLevel: string[] = [];
    for (const line of statement.lines) {
      if (line.dealId === undefined) planLevel.push(line.explain);
      else byDeal.set(line.dealId, [...(byDeal.get(line.dealId) ?? []), line.explain]);
    }
    return [...[...byDeal.values()].flat(), ...planLevel];
  });
}

// Every date-sensitive check runs against each seeded stack (test/support/stacks.ts): mid-year and
// early January. Expectations come from what the API says about the seeded data, never from the date.
describe.each(STACK_NAMES.map((stack) => [stack, STACK_TODAYS[stack]] as const))('on the org of %s (%s)', (stack) => {
  const api = () => stackApi(stack);
  const show = (persona: Persona) => mount('attain-earnings', persona, {}, stack);
  const ask = <T>(persona: Persona, method: string, path: string, body?: unknown) =>
    call<T>(persona, method, path, body, stack);
  const periodPicker = () => page.getByRole('combobox', { name: 'Period' });
  const shownPeriod = () => (periodPicker().element() as HTMLSelectElement).value;
  /** The view has loaded a period: its figures say when they were computed. */
  const loaded = () => expect.element(page.getByText(/Data as of/).first(), { timeout: 15_000 }).toBeVisible();
  const linesIn = async (persona: Persona, repId: string, period: string) =>
    (await ask<StatementView>(persona, 'GET', `/api/reps/${repId}/statements/${period}`)).statements.flatMap(
      (statement) => statement.lines,
    );
  /**
   * Shows the rep the latest period in which the seeded data gives them commission lines, picked in
   * the Period box as a person would: early in a quarter the period that opens may have none yet.
   */
  const showPeriodWithLines = async (): Promise<string> => {
    await show('rep');
    await loaded();
    const periods = [...(periodPicker().element() as HTMLSelectElement).options].map((option) => option.value);
    for (const period of periods.sort().reverse()) {
      if ((await linesIn('rep', 'me', period)).length === 0) continue;
      if (period !== shownPeriod()) await userEvent.selectOptions(periodPicker(), period);
      await expect.element(linesTable(), { timeout: 15_000 }).toBeVisible();
      return period;
    }
    throw new Error('the seeded rep has commission lines in no period');
  };

  describe('<attain-earnings> for a rep', () => {
    it("opens the period of the org's today with the rep's real statement: totals, attainment, the next tier and every line", async () => {
      await show('rep');
      await loaded();
      await expect.element(page.getByText('Earned this period')).toBeVisible();
      await expect.element(page.getByRole('meter', { name: 'Credited against quota and tier bounds' })).toBeVisible();

      // The seeded plan has a quota in every quarter, so the rep has a statement for the quarter of today.
      const history = await ask<History>('rep', 'GET', '/api/reps/me/history');
      expect(history.periods.map((entry) => entry.period)).toContain(quarterOf(api().today));
      expect(shownPeriod()).toBe(quarterOf(api().today));

      // What the next-tier line says follows the rep's position in the seeded data for the period shown.
      const position = await ask<TierPosition>('rep', 'GET', `/api/reps/me/attainment?period=${shownPeriod()}`);
      const tiered = position.plans.flatMap((plan) => plan.tiered).find((component) => component.current !== null);
      expect(tiered, 'the seeded plan gives the rep a quota and a tier in the period shown').toBeDefined();
      if (tiered?.next) {
        await expect.element(page.getByText(new RegExp(`more to reach tier ${tiered.next.tier} `))).toBeVisible();
      } else {
        await expect.element(page.getByText(/You are in the top tier/)).toBeVisible();
        expect(page.getByText(/more to reach tier/).elements()).toEqual([]);
      }

      // What is shown is what the API says for that period, line by line (early in a quarter: none yet).
      const view = await ask<StatementView>('rep', 'GET', `/api/reps/me/statements/${shownPeriod()}`);
      const expected = readingOrder(view.statements);
      if (expected.length === 0) {
        await expect.element(page.getByText('No commission lines in this period yet.')).toBeVisible();
      } else {
        await expect.element(linesTable()).toBeVisible();
        const cells = [...linesTable().element().querySelectorAll('td.explain')];
        expect(cells.map((cell) => cell.textContent?.trim())).toEqual(expected);
      }
    });

    it("heads each deal's lines with its Opportunity name from Salesforce, its amount and close date", async () => {
      const period = await showPeriodWithLines();
      const view = await ask<StatementView>('rep', 'GET', `/api/reps/me/statements/${period}`);
      const explained = readingOrder(view.statements);
      expect(
        [...linesTable().element().querySelectorAll('td.explain')].map((cell) => cell.textContent?.trim()),
      ).toEqual(explained);
      expect(explained.some((text) => text.includes('×'))).toBe(true);
      const deals = view.deals ?? [];
      expect(deals.length).toBeGreaterThan(0);
      const headings = [...linesTable().element().querySelectorAll('th[scope="rowgroup"]')].map((cell) =>
        cell.textContent?.replace(/\s+/g, ' ').trim(),
      );
      const dealIds = [
        ...new Set(view.statements.flatMap((s) => s.lines.flatMap((line) => (line.dealId ? [line.dealId] : [])))),
      ];
      for (const id of dealIds) {
        const deal = deals.find((candidate) => candidate.id === id);
        expect(deal?.name).toBeTruthy();
        const amount = new Intl.NumberFormat('en-US', { style: 'currency', currency: deal!.currency }).format(
          deal!.amount as Intl.StringNumericLiteral,
        );
        expect(headings).toContainEqual(expect.stringContaining(`${deal!.name} · ${amount} · closes `));
      }
      expect(headings.some((heading) => heading?.startsWith('Deal '))).toBe(false);
    });

    it("offers the plan's filter fields in the what-if, and sends the chosen value", async () => {
      await show('rep');
      await loaded();
      const fields = await ask<PlanFields>('rep', 'GET', `/api/reps/me/plan-fields?period=${shownPeriod()}`);
      // The seeded plan pays a bonus on services deals: `fields.family` = `Services`.
      expect(fields.fields.map((field) => [field.name, field.values])).toEqual([['family', ['Services']]]);
      const family = page.getByRole('combobox', { name: 'family' });
      await expect.element(family, { timeout: 15_000 }).toBeVisible();
      expect([...(family.element() as HTMLSelectElement).options].map((option) => option.textContent)).toEqual([
        '(none)',
        'Services',
      ]);
      await userEvent.selectOptions(family, 'Services');
      await userEvent.fill(page.getByRole('textbox', { name: /Deal amount/ }), '25000');
      await userEvent.click(page.getByRole('button', { name: 'Show what it pays' }));
      const items = page.getByRole('list', { name: 'How the deal would pay' }).getByRole('listitem');
      await expect.element(items.first(), { timeout: 15_000 }).toBeVisible();
      const closeDate = (page.getByLabelText('Close date').element() as HTMLInputElement).value;
      const estimate = await ask<Estimate>('rep', 'POST', '/api/reps/me/estimate', {
        amount: '25000',
        closeDate,
        fields: { family: 'Services' },
      });
      expect(estimate.dealLines.some((line) => line.componentId === 'services')).toBe(true);
      expect(items.elements().map((item) => item.textContent?.split(' = ')[0]?.trim())).toEqual(
        estimate.dealLines.map((line) => line.explain),
      );
    });

    it("answers a what-if closing on the org's today with what the API estimates, line by line", async () => {
      await show('rep');
      await loaded();
      const closeDate = (page.getByLabelText('Close date').element() as HTMLInputElement).value;
      expect(closeDate).toBe(api().today);
      await userEvent.fill(page.getByRole('textbox', { name: /Deal amount/ }), '25,000');
      await userEvent.click(page.getByRole('button', { name: 'Show what it pays' }));
      const answer = page.getByText(/This deal would add/);
      await expect.element(answer, { timeout: 15_000 }).toBeVisible();

      const estimate = await ask<Estimate>('rep', 'POST', '/api/reps/me/estimate', { amount: '25000', closeDate });
      const currency = estimate.after?.currency ?? 'USD';
      const added = new Intl.NumberFormat('en-US', { style: 'currency', currency, signDisplay: 'exceptZero' }).format(
        estimate.difference as Intl.StringNumericLiteral,
      );
      expect(answer.element().textContent).toContain(added);
      const items = page.getByRole('list', { name: 'How the deal would pay' }).getByRole('listitem');
      expect(items.elements().map((item) => item.textContent?.split(' = ')[0]?.trim())).toEqual(
        estimate.dealLines.map((line) => line.explain),
      );
    });

    it('refuses an amount that is not a number, next to the field', async () => {
      await show('rep');
      const amount = page.getByRole('textbox', { name: /Deal amount/ });
      await userEvent.fill(amount, 'lots');
      await userEvent.click(page.getByRole('button', { name: 'Show what it pays' }));
      await expect.element(amount).toHaveAttribute('aria-invalid', 'true');
      await expect.element(amount).toHaveAccessibleDescription(/Enter the deal amount as a number/);
      // jest-dom's toHaveFocus looks at document.activeElement only, which stops at the shadow host.
      expect(deepActiveElement()).toBe(amount.element());
    });

    it('raises a dispute on a line, keeps focus on the line and shows it from then on', async () => {
      const period = await showPeriodWithLines();
      const disputeButtons = page.getByRole('button', { name: /^Dispute: / });
      await expect.element(disputeButtons.first(), { timeout: 15_000 }).toBeVisible();
      const button = disputeButtons.last();
      const explain = button.element().getAttribute('aria-label')!.replace('Dispute: ', '');
      await userEvent.click(button);
      const reason = page.getByRole('textbox', { name: /What looks wrong with/ });
      await expect.poll(() => deepActiveElement()).toBe(reason.element());
      await userEvent.fill(reason, 'The split on this deal should be 60%, not 50%.');
      await userEvent.click(page.getByRole('button', { name: 'Send dispute' }));
      const badge = page.getByText('Disputed · open');
      await expect.element(badge).toBeVisible();
      expect(deepActiveElement()?.textContent).toContain('Disputed · open');

      const { disputes } = await ask<{ disputes: Dispute[] }>('rep', 'GET', '/api/reps/me/disputes');
      const raised = disputes.find((dispute) => dispute.reason.startsWith('The split on this deal'));
      expect(raised).toMatchObject({ status: 'open', line: { explain } });

      // A fresh load shows the status from the API, not from memory.
      cleanup();
      expect(await showPeriodWithLines()).toBe(period);
      await expect.element(page.getByText('Disputed · open'), { timeout: 15_000 }).toBeVisible();
    });

    it('has a sensible focus order: the period, then each line, then the what-if form', async () => {
      await showPeriodWithLines();
      (document.activeElement as HTMLElement | null)?.blur();
      await userEvent.tab();
      expect(deepActiveElement()?.getAttribute('aria-label') ?? deepActiveElement()?.id).toBe('period');
      // One stop per line that can still be disputed (a disputed line shows its status instead).
      const buttons = linesTable().element().querySelectorAll('button').length;
      for (let step = 0; step < buttons; step++) {
        await userEvent.tab();
        expect(deepActiveElement()?.getAttribute('aria-label')).toMatch(/^Dispute: /);
      }
      await userEvent.tab();
      expect(deepActiveElement()?.id).toBe('amount');
    });

    it('says what to do when the sign-in token is not valid', async () => {
      const element = await show('rep');
      element.token = api().badToken;
      element.apiUrl = `${element.apiUrl}/`;
      await expect
        .element(page.getByRole('alert'), { timeout: 15_000 })
        .toHaveTextContent(
          /sign-in is not valid any more\. Reload the page.*public key of the certificate named in Attain Setting/,
        );
      await expect.element(page.getByRole('button', { name: 'Try again' })).toBeVisible();
    });
  });

  describe('<attain-earnings> for a manager', () => {
    it('picks a person of the team and shows their statement, without dispute buttons', async () => {
      await show('manager');
      const person = page.getByRole('combobox', { name: 'Person' });
      await expect.element(person, { timeout: 15_000 }).toBeVisible();
      const rep = api().users.rep;
      await userEvent.selectOptions(person, rep.id);
      await expect.poll(() => shownPeriod(), { timeout: 15_000 }).toBe(quarterOf(api().today));
      await loaded();
      expect((person.element() as HTMLSelectElement).selectedOptions[0]?.textContent?.trim()).toBe(rep.name);
      const view = await ask<StatementView>('manager', 'GET', `/api/reps/${rep.id}/statements/${shownPeriod()}`);
      expect(view.statements.length).toBeGreaterThan(0);
      const lines = view.statements.flatMap((statement) => statement.lines);
      if (lines.length > 0) await expect.element(linesTable(), { timeout: 15_000 }).toBeVisible();
      else await expect.element(page.getByText('No commission lines in this period yet.')).toBeVisible();
      expect(page.getByRole('button', { name: /^Dispute: / }).elements()).toEqual([]);
    });
  });
});

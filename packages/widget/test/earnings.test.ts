/**
 * <attain-earnings> against the real API over a synced seeded org. Queries go by role and
 * accessible name (vitest's page locators pierce the open shadow roots of the test build), so they
 * also check what a screen reader is told.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { Dispute, Estimate, PlanFields, StatementView } from '../src/api/types.js';
import '../src/components/attain-earnings.js';
import { api, call, cleanup, deepActiveElement, mount } from './support/mount.js';

afterEach(cleanup);

const linesTable = () => page.getByRole('table', { name: /Commission lines/ });

describe('<attain-earnings> for a rep', () => {
  it("shows the rep's real statement: totals, attainment, the next tier and every line with its explanation", async () => {
    await mount('attain-earnings', 'rep');
    await expect.element(linesTable(), { timeout: 15_000 }).toBeVisible();
    await expect.element(page.getByText('Earned this period')).toBeVisible();
    await expect.element(page.getByRole('meter', { name: 'Credited against quota and tier bounds' })).toBeVisible();
    await expect.element(page.getByText(/more to reach tier 2/)).toBeVisible();
    await expect.element(page.getByText(/Data as of/).first()).toBeVisible();

    // What is shown is what the API says for that period, line by line.
    const period = (page.getByRole('combobox', { name: 'Period' }).element() as HTMLSelectElement).value;
    const view = await call<{ statements: { lines: { explain: string }[] }[] }>(
      'rep',
      'GET',
      `/api/reps/me/statements/${period}`,
    );
    const expected = view.statements.flatMap((statement) => statement.lines.map((line) => line.explain));
    const shown = [...linesTable().element().querySelectorAll('td.explain')].map((cell) => cell.textContent?.trim());
    expect(shown).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.some((text) => text.includes('×'))).toBe(true);
  });

  it("heads each deal's lines with its Opportunity name from Salesforce, its amount and close date", async () => {
    await mount('attain-earnings', 'rep');
    await expect.element(linesTable(), { timeout: 15_000 }).toBeVisible();
    const period = (page.getByRole('combobox', { name: 'Period' }).element() as HTMLSelectElement).value;
    const view = await call<StatementView>('rep', 'GET', `/api/reps/me/statements/${period}`);
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
    await mount('attain-earnings', 'rep');
    await expect.element(linesTable(), { timeout: 15_000 }).toBeVisible();
    const period = (page.getByRole('combobox', { name: 'Period' }).element() as HTMLSelectElement).value;
    const fields = await call<PlanFields>('rep', 'GET', `/api/reps/me/plan-fields?period=${period}`);
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
    const estimate = await call<Estimate>('rep', 'POST', '/api/reps/me/estimate', {
      amount: '25000',
      closeDate,
      fields: { family: 'Services' },
    });
    expect(estimate.dealLines.some((line) => line.componentId === 'services')).toBe(true);
    expect(items.elements().map((item) => item.textContent?.split(' = ')[0]?.trim())).toEqual(
      estimate.dealLines.map((line) => line.explain),
    );
  });

  it('answers a what-if with what the API estimates, line by line', async () => {
    await mount('attain-earnings', 'rep');
    await userEvent.fill(page.getByRole('textbox', { name: /Deal amount/ }), '25,000');
    await userEvent.click(page.getByRole('button', { name: 'Show what it pays' }));
    const answer = page.getByText(/This deal would add/);
    await expect.element(answer, { timeout: 15_000 }).toBeVisible();

    const closeDate = (page.getByLabelText('Close date').element() as HTMLInputElement).value;
    const estimate = await call<Estimate>('rep', 'POST', '/api/reps/me/estimate', { amount: '25000', closeDate });
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
    await mount('attain-earnings', 'rep');
    const amount = page.getByRole('textbox', { name: /Deal amount/ });
    await userEvent.fill(amount, 'lots');
    await userEvent.click(page.getByRole('button', { name: 'Show what it pays' }));
    await expect.element(amount).toHaveAttribute('aria-invalid', 'true');
    await expect.element(amount).toHaveAccessibleDescription(/Enter the deal amount as a number/);
    // jest-dom's toHaveFocus looks at document.activeElement only, which stops at the shadow host.
    expect(deepActiveElement()).toBe(amount.element());
  });

  it('raises a dispute on a line, keeps focus on the line and shows it from then on', async () => {
    await mount('attain-earnings', 'rep');
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

    const { disputes } = await call<{ disputes: Dispute[] }>('rep', 'GET', '/api/reps/me/disputes');
    const raised = disputes.find((dispute) => dispute.reason.startsWith('The split on this deal'));
    expect(raised).toMatchObject({ status: 'open', line: { explain } });

    // A fresh load shows the status from the API, not from memory.
    cleanup();
    await mount('attain-earnings', 'rep');
    await expect.element(page.getByText('Disputed · open'), { timeout: 15_000 }).toBeVisible();
  });

  it('has a sensible focus order: the period, then each line, then the what-if form', async () => {
    await mount('attain-earnings', 'rep');
    await expect.element(linesTable(), { timeout: 15_000 }).toBeVisible();
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.tab();
    expect(deepActiveElement()?.getAttribute('aria-label') ?? deepActiveElement()?.id).toBe('period');
    await userEvent.tab();
    expect(deepActiveElement()?.getAttribute('aria-label')).toMatch(/^Dispute: /);
    const lines = linesTable().element().querySelectorAll('button').length;
    for (let step = 1; step < lines; step++) await userEvent.tab();
    await userEvent.tab();
    expect(deepActiveElement()?.id).toBe('amount');
  });

  it('says what to do when the sign-in token is not valid', async () => {
    const element = await mount('attain-earnings', 'rep');
    element.token = api().badToken;
    element.apiUrl = `${element.apiUrl}/`;
    await expect
      .element(page.getByRole('alert'), { timeout: 15_000 })
      .toHaveTextContent(/sign-in is not valid any more\. Reload the page/);
    await expect.element(page.getByRole('button', { name: 'Try again' })).toBeVisible();
  });
});

describe('<attain-earnings> for a manager', () => {
  it('picks a person of the team and shows their statement, without dispute buttons', async () => {
    await mount('attain-earnings', 'manager');
    const person = page.getByRole('combobox', { name: 'Person' });
    await expect.element(person, { timeout: 15_000 }).toBeVisible();
    const rep = api().users.rep;
    await userEvent.selectOptions(person, rep.id);
    await expect.element(linesTable(), { timeout: 15_000 }).toBeVisible();
    expect((person.element() as HTMLSelectElement).selectedOptions[0]?.textContent?.trim()).toBe(rep.name);
    expect(page.getByRole('button', { name: /^Dispute: / }).elements()).toEqual([]);
    const view = await call<{ statements: unknown[] }>(
      'manager',
      'GET',
      `/api/reps/${rep.id}/statements/${(page.getByRole('combobox', { name: 'Period' }).element() as HTMLSelectElement).value}`,
    );
    expect(view.statements.length).toBeGreaterThan(0);
  });
});

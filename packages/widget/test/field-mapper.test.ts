/** <attain-field-mapper> against the real API: the org's describe, a preview, saving a version, plan checks. */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { Comparison, MappingOverview, Plan } from '../src/api/types.js';
import '../src/components/attain-field-mapper.js';
import { call, cleanup, mount } from './support/mount.js';

afterEach(cleanup);

const optionsOf = (name: string) =>
  [...(page.getByRole('combobox', { name }).element() as HTMLSelectElement).options].map((option) => option.value);

describe('<attain-field-mapper> for an admin', () => {
  it("offers each engine input only the org's fields of a fitting type", async () => {
    await mount('attain-field-mapper', 'admin');
    await expect.element(page.getByRole('table', { name: /Engine inputs/ }), { timeout: 15_000 }).toBeVisible();
    const overview = await call<MappingOverview>('admin', 'GET', '/api/admin/mapping');
    const typeOf = new Map(overview.describe!.fields.map((field) => [field.name, field.type]));
    const amount = optionsOf('Amount');
    expect(amount).toContain('Amount');
    for (const name of amount) expect(['currency', 'double', 'int', 'percent']).toContain(typeOf.get(name));
    const closeDate = optionsOf('Close date');
    expect(closeDate).toContain('CloseDate');
    for (const name of closeDate) expect(['date', 'datetime']).toContain(typeOf.get(name));
    expect(optionsOf('Won')).toContain('IsWon');
    expect(optionsOf('Rep (owner)')).toContain('OwnerId');
  });

  it("shows the org's field labels, and a picklist's values for a plan field", async () => {
    await mount('attain-field-mapper', 'admin');
    await expect.element(page.getByRole('table', { name: /Engine inputs/ }), { timeout: 15_000 }).toBeVisible();
    const overview = await call<MappingOverview>('admin', 'GET', '/api/admin/mapping');
    const stage = overview.describe!.fields.find((field) => field.name === 'StageName')!;
    expect(stage.label).toBe('Stage');
    const source = page.getByRole('combobox', { name: 'Salesforce field' }).element() as HTMLSelectElement;
    const option = [...source.options].find((candidate) => candidate.value === 'StageName');
    expect(option?.textContent?.trim()).toBe('Stage (StageName) · picklist');
    const closeDate = page.getByRole('combobox', { name: 'Close date' }).element() as HTMLSelectElement;
    const closeLabel = overview.describe!.fields.find((field) => field.name === 'CloseDate')!.label;
    expect(closeDate.selectedOptions[0]?.textContent?.trim()).toBe(`${closeLabel} (CloseDate)`);

    await userEvent.fill(page.getByRole('textbox', { name: 'Name in plans' }), 'stageLabelled');
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Salesforce field' }), 'StageName');
    await userEvent.click(page.getByRole('button', { name: 'Add field' }));
    const active = (stage.picklistValues ?? []).filter((entry) => entry.active).map((entry) => entry.value);
    expect(active).toContain('Closed Won');
    await expect
      .element(page.getByRole('listitem').filter({ hasText: 'fields.stageLabelled' }))
      .toHaveTextContent(`Stage (StageName) · values: ${active.join(', ')}`);
  });

  it('previews five records through the draft and saves it as a new version', async () => {
    await mount('attain-field-mapper', 'admin');
    await expect.element(page.getByRole('button', { name: 'Preview five deals' }), { timeout: 15_000 }).toBeEnabled();
    await userEvent.click(page.getByRole('button', { name: 'Preview five deals' }));
    const preview = page.getByRole('table', { name: /as the engine would see them/ });
    await expect.element(preview, { timeout: 15_000 }).toBeVisible();
    const deals = preview
      .getByRole('row')
      .elements()
      .filter((row) => row.closest('tbody'));
    expect(deals.length).toBeGreaterThan(0);
    expect(deals.length).toBeLessThanOrEqual(5);

    const before = await call<MappingOverview>('admin', 'GET', '/api/admin/mapping');
    await userEvent.fill(page.getByRole('textbox', { name: 'Name in plans' }), 'stage');
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Salesforce field' }), 'StageName');
    await userEvent.click(page.getByRole('button', { name: 'Add field' }));
    await expect.element(page.getByText('fields.stage')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Save as new version' }));
    await expect
      .element(page.getByText(/Saved as version \d+\. A full resync was queued/), { timeout: 15_000 })
      .toBeVisible();
    const after = await call<MappingOverview>('admin', 'GET', '/api/admin/mapping');
    expect(after.current?.version).toBe((before.current?.version ?? 0) + 1);
    expect(after.current?.mapping.fields?.stage).toEqual({ path: 'StageName' });
  });

  it('shows plan validation messages next to their fields, then compares a valid draft with the current plan', async () => {
    await mount('attain-field-mapper', 'admin');
    const mappingTab = page.getByRole('tab', { name: 'Field mapping' });
    await expect.element(mappingTab).toHaveAttribute('aria-selected', 'true');
    // Keyboard: the tab list moves with the arrow keys.
    (mappingTab.element() as HTMLElement).focus();
    await userEvent.keyboard('{ArrowRight}');
    await expect.element(page.getByRole('tab', { name: 'Plans' })).toHaveAttribute('aria-selected', 'true');

    const rate = page.getByRole('textbox', { name: 'Tier 1 rate' });
    await expect.element(rate, { timeout: 15_000 }).toBeVisible();
    await userEvent.fill(rate, '5%');
    await userEvent.click(page.getByRole('button', { name: 'Check' }));
    await expect.element(rate, { timeout: 15_000 }).toHaveAttribute('aria-invalid', 'true');
    expect(rate.element().getAttribute('aria-describedby')).toMatch(/-error/);
    await expect.element(page.getByRole('alert').first()).toBeVisible();

    await userEvent.fill(rate, '0.06');
    await userEvent.click(page.getByRole('button', { name: 'Compare with current' }));
    const table = page.getByRole('table', { name: /under the current plan and under the draft/ });
    await expect.element(table, { timeout: 30_000 }).toBeVisible();
    // The totals shown are the API's comparison of the same draft.
    const { plans } = await call<{ plans: Plan[] }>('admin', 'GET', '/api/admin/plans');
    const draft = structuredClone(plans[0]!);
    const tiered = draft.components.find((component) => component.type === 'tiered')!;
    if (tiered.type === 'tiered') tiered.tiers[0]!.rate = '0.06';
    const compared = await call<Comparison>('admin', 'POST', '/api/admin/plans/compare', { plan: draft });
    const money = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: compared.currency,
      signDisplay: 'exceptZero',
    });
    expect(compared.totals.difference).toMatch(/^[1-9]/);
    await expect
      .element(table.getByRole('row', { name: /All reps/ }))
      .toHaveTextContent(money.format(compared.totals.difference as Intl.StringNumericLiteral));
  });
});

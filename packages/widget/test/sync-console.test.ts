/** <attain-sync-console> against the real API: status, a sync started from it and watched, record errors. */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { SyncStatus } from '../src/api/types.js';
import '../src/components/attain-sync-console.js';
import { api, call, cleanup, mount } from './support/mount.js';

afterEach(cleanup);

describe('<attain-sync-console> for ops', () => {
  it("shows the last syncs, lag, API budget and queues from the worker's store", async () => {
    await mount('attain-sync-console', 'ops');
    const runs = page.getByRole('table', { name: /Recent sync runs/ });
    await expect.element(runs, { timeout: 15_000 }).toBeVisible();
    const status = await call<SyncStatus>('ops', 'GET', '/api/ops/sync');
    // Body rows only (at the test viewport's width the header row is hidden: the table stacks).
    const rows = runs
      .getByRole('row')
      .elements()
      .filter((row) => row.closest('tbody'));
    expect(rows.length).toBe(Math.min(10, status.runs.length));
    expect(rows[rows.length - 1]?.textContent).toContain('full');
    await expect.element(page.getByText('API budget used')).toBeVisible();
    await expect.element(page.getByText(/^sync: \d+ waiting/)).toBeVisible();
    await expect.element(page.getByText(/Data as of/)).toBeVisible();
  });

  it('starts a sync and follows it until it has finished', async () => {
    await mount('attain-sync-console', 'ops');
    const start = page.getByRole('button', { name: 'Sync now' });
    await expect.element(start, { timeout: 15_000 }).toBeEnabled();
    const before = (await call<SyncStatus>('ops', 'GET', '/api/ops/sync')).runs.length;
    await userEvent.click(start);
    // While it runs the buttons wait; the progress bar is announced, then the outcome.
    await expect.element(page.getByText(/Sync succeeded: \d+ read/), { timeout: 30_000 }).toBeVisible();
    await expect.element(page.getByRole('progressbar', { name: 'Sync progress' })).toBeVisible();
    await expect.element(start).toBeEnabled();
    const after = await call<SyncStatus>('ops', 'GET', '/api/ops/sync');
    expect(after.runs.length).toBe(before + 1);
    expect(after.runs[0]).toMatchObject({ kind: 'incremental', status: 'succeeded' });
  });

  it('lists record-level errors and retries one', async () => {
    await mount('attain-sync-console', 'ops');
    const { brokenDealId } = api();
    const errors = page.getByRole('table', { name: /could not be synced/ });
    await expect.element(errors, { timeout: 15_000 }).toBeVisible();
    await expect.element(errors.getByText(brokenDealId)).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: `Retry ${brokenDealId}` }));
    // The record is still broken in Salesforce, so the retry reads it again and says it still fails.
    await expect
      .element(page.getByRole('status').filter({ hasText: brokenDealId }), { timeout: 15_000 })
      .toHaveTextContent(/still fails/);
  });

  it('is refused to a rep, with what to ask for', async () => {
    await mount('attain-sync-console', 'rep');
    await expect
      .element(page.getByRole('alert').first(), { timeout: 15_000 })
      .toHaveTextContent(/Ask your Salesforce admin for the Attain permission set/);
  });
});

/** <attain-sync-console> against the real API: status, a sync started from it and watched, record errors. */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { Dispute, StatementView, SyncRunView, SyncStatus } from '../src/api/types.js';
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
    // The run followed is the one the API named for the request: its figures are the ones shown.
    const run = await call<SyncRunView>('ops', 'GET', `/api/ops/sync/runs/${after.runs[0]?.id}`);
    await expect
      .element(page.getByText(/Sync succeeded: /))
      .toHaveTextContent(`Sync succeeded: ${new Intl.NumberFormat('en-US').format(run.run?.counts.read ?? -1)} read`);
  });

  it('accepts a dispute with a resolution note, which the rep then reads', async () => {
    // A dispute of the rep's, on a line of their oldest period (the earnings tests use the newest).
    const history = await call<{ periods: { period: string }[] }>('rep', 'GET', '/api/reps/me/history');
    let opened: Dispute | undefined;
    for (const { period } of history.periods) {
      const view = await call<StatementView>('rep', 'GET', `/api/reps/me/statements/${period}`);
      const line = view.statements.flatMap((s) => s.lines).find((candidate) => candidate.dispute === null);
      if (!line) continue;
      opened = await call<Dispute>('rep', 'POST', '/api/reps/me/disputes', {
        period,
        lineKey: line.lineKey,
        reason: 'This deal closed in the previous quarter.',
      });
      break;
    }
    expect(opened).toBeDefined();
    await mount('attain-sync-console', 'ops');
    const accept = page.getByRole('button', { name: `Accept: ${opened!.line.explain}` });
    await expect.element(accept, { timeout: 15_000 }).toBeVisible();
    // Without a note: refused in place, nothing sent.
    await userEvent.click(accept);
    const note = page
      .getByRole('textbox', { name: 'Resolution note' })
      .nth(
        (await call<{ disputes: Dispute[] }>('ops', 'GET', '/api/ops/disputes')).disputes.findIndex(
          (dispute) => dispute.id === opened!.id,
        ),
      );
    await expect.element(note).toHaveAttribute('aria-invalid', 'true');
    await expect.element(note).toHaveAccessibleDescription(/Say what was decided/);
    await userEvent.fill(note, 'Moved to the right quarter; the line will be recomputed.');
    await userEvent.click(accept);
    await expect.element(page.getByText(/Dispute accepted: /), { timeout: 15_000 }).toBeVisible();
    await expect.element(accept).not.toBeInTheDocument();
    const { disputes } = await call<{ disputes: Dispute[] }>('rep', 'GET', '/api/reps/me/disputes');
    expect(disputes.find((dispute) => dispute.id === opened!.id)).toMatchObject({
      status: 'accepted',
      resolution: { by: api().users.ops.id, note: 'Moved to the right quarter; the line will be recomputed.' },
    });
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

/**
 * The whole stack in headless Chromium: the demo's start function (scripts/demo/start-demo.mjs) with a
 * small org, one worker process polling every second, the API, and the emulator's Lightning pages
 * hosting the production widget bundle (closed shadow roots, read through the accessibility tree).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickRole, launchBrowser, type TestBrowser, waitForText } from './support/browser.js';
import {
  api,
  currentQuarter,
  type DemoStack,
  patchRecord,
  persona,
  salesforceSession,
  soql,
  startStack,
} from './support/demo-stack.js';

let stack: DemoStack & { cleanup(): Promise<void> };
let browser: TestBrowser;
let session: string;

const usd = (amount: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Number(amount));
const canonical = (value: unknown) => {
  const text = String(value);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
};

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  session = await salesforceSession(stack);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.cleanup();
}, 60_000);

async function open(page: Page, path: string, userId: string): Promise<void> {
  const url = new URL(path, stack.emulator.url);
  url.searchParams.set('as', userId);
  await page.goto(url.href);
}

describe('a rep closes a deal', () => {
  it('shows the new commission, its explanation and the new attainment within 5 seconds, and writes Commission__c', async () => {
    const rep = persona(stack, 'rep');
    const [deal] = await soql<{ Id: string; Name: string }>(
      stack,
      session,
      `SELECT Id, Name FROM Opportunity WHERE OwnerId = '${rep.id}' AND IsClosed = false AND CurrencyIsoCode = 'USD' ORDER BY Amount DESC LIMIT 1`,
    );
    expect(deal, 'the rep has an open USD opportunity').toBeDefined();
    const page = await browser.newPage();
    await open(page, `/lightning/r/Opportunity/${deal!.Id}/view`, rep.id);
    const before = await waitForText(page, (text) => text.includes('Earned this period'), 20_000);
    expect(before).not.toContain(`${deal!.Name} (this opportunity)`);

    const today = new Date().toISOString().slice(0, 10);
    const closedAt = Date.now();
    expect(
      await patchRecord(stack, session, 'Opportunity', deal!.Id, { StageName: 'Closed Won', CloseDate: today }),
    ).toBe(204);
    let text = '';
    for (;;) {
      await page.reload();
      try {
        text = await waitForText(page, (t) => t.includes(`${deal!.Name} (this opportunity)`), 1000);
        break;
      } catch {
        if (Date.now() - closedAt > 15_000) throw new Error(`no commission after 15 s: ${text}`);
      }
    }
    const elapsedMs = Date.now() - closedAt;
    expect(elapsedMs, `the commission showed after ${elapsedMs} ms`).toBeLessThan(5000);

    const { status, body } = await api(stack, rep.id, `/api/reps/${rep.id}/statements/${currentQuarter()}`);
    expect(status).toBe(200);
    const statement = body.statements[0];
    const lines = statement.lines.filter((line: { dealId?: string }) => line.dealId === deal!.Id);
    expect(lines.length).toBeGreaterThan(0);
    const shown = await waitForText(page, (t) => lines.every((line: { explain: string }) => t.includes(line.explain)));
    for (const line of lines) expect(shown).toContain(usd(line.amount));
    expect(shown).toContain(usd(statement.credited));
    const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(
      Number(statement.attainment),
    );
    expect(shown).toContain(percent);

    // Salesforce holds the same lines as Commission__c, owned by and crediting the rep.
    const deadline = Date.now() + 15_000;
    let records: { Rep__c: string; Amount__c: unknown }[] = [];
    while (Date.now() < deadline) {
      records = await soql(
        stack,
        session,
        `SELECT Rep__c, Amount__c FROM Commission__c WHERE Opportunity__c = '${deal!.Id}' AND Rep__c = '${rep.id}'`,
      );
      if (records.length === lines.length) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(records.map((record) => canonical(record.Amount__c)).sort()).toEqual(
      lines.map((line: { amount: string }) => canonical(line.amount)).sort(),
    );
    // Private sharing: the rep must own their records (salesforce/README.md), and the worker makes them the owner.
    const owners = await soql<{ OwnerId: string }>(
      stack,
      session,
      `SELECT OwnerId FROM Commission__c WHERE Opportunity__c = '${deal!.Id}' AND Rep__c = '${rep.id}'`,
    );
    expect(owners.map((record) => record.OwnerId)).toEqual(lines.map(() => rep.id));
    // The record page's Commissions list follows Salesforce.
    await page.reload();
    await waitForText(page, (t) => t.includes('COM-') && !t.includes('No commissions yet'));
    await page.close();
  });

  it('closes a deal from the record page as the rep (Close Won through the REST API)', async () => {
    const rep = persona(stack, 'rep');
    const [deal] = await soql<{ Id: string; Name: string }>(
      stack,
      session,
      `SELECT Id, Name FROM Opportunity WHERE OwnerId = '${rep.id}' AND IsClosed = false ORDER BY Amount DESC LIMIT 1`,
    );
    const page = await browser.newPage();
    await open(page, `/lightning/r/Opportunity/${deal!.Id}/view`, rep.id);
    await waitForText(page, (text) => text.includes('Earned this period'), 20_000);
    await clickRole(page, 'button', 'Close Won');
    await waitForText(
      page,
      (text) => text.includes(`${deal!.Name} (this opportunity)`) && text.includes('COM-'),
      20_000,
    );
    const [saved] = await soql<{ StageName: string; LastModifiedById: string }>(
      stack,
      session,
      `SELECT StageName, LastModifiedById FROM Opportunity WHERE Id = '${deal!.Id}'`,
    );
    expect(saved).toEqual(expect.objectContaining({ StageName: 'Closed Won', LastModifiedById: rep.id }));
    await page.close();
  });
});

describe('who sees whom', () => {
  it('a manager sees the rep; another rep does not', async () => {
    const rep = persona(stack, 'rep');
    const manager = persona(stack, 'manager');
    const peer = persona(stack, 'peer');
    const period = currentQuarter();
    const asManager = await api(stack, manager.id, `/api/reps/${rep.id}/statements/${period}`);
    expect(asManager.status).toBe(200);
    expect((await api(stack, peer.id, `/api/reps/${rep.id}/statements/${period}`)).status).toBe(403);

    const earned = usd(asManager.body.statements[0].total);
    const page = await browser.newPage();
    await open(page, `/lightning/r/User/${rep.id}/view`, manager.id);
    const managerView = await waitForText(
      page,
      (text) => text.includes('Earned this period') && text.includes(earned),
      20_000,
    );
    expect(managerView).toContain('Person');

    await open(page, `/lightning/r/User/${rep.id}/view`, peer.id);
    const peerView = await waitForText(
      page,
      (text) => !text.includes('Loading') && /not allowed|permission|access|only/i.test(text),
      20_000,
    );
    expect(peerView).not.toContain(earned);
    await page.close();
  });
});

describe('ops', () => {
  it('triggers a full resync and watches it finish', async () => {
    const ops = persona(stack, 'ops');
    const page = await browser.newPage();
    await open(page, '/lightning/n/Attain_Sync_Console', ops.id);
    await waitForText(page, (text) => text.includes('Full resync'), 20_000);
    const clickedAt = Date.now();
    await clickRole(page, 'button', 'Full resync');
    // The console follows the run it started: a progress bar while it runs, then its outcome.
    const deadline = Date.now() + 60_000;
    let mine: { status: string; counts: { read: number } } | undefined;
    while (Date.now() < deadline) {
      const runs = await stack.store.runs.list(20);
      mine = runs.find(
        (run: { kind: string; startedAt: string }) =>
          run.kind === 'full' && Date.parse(run.startedAt) >= clickedAt - 1000,
      );
      if (mine && mine.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(mine?.status).toBe('succeeded');
    await waitForText(page, (text) => /succeeded/i.test(text) && text.includes(String(mine!.counts.read)), 20_000);
    await page.close();
  });
});

describe('admin', () => {
  it('changes the mapping (revenue splits off) and the statements follow', async () => {
    const admin = persona(stack, 'admin');
    const ids: string[] = await stack.store.deals.allIds();
    const stored = await stack.store.deals.getMany(ids);
    const split = stored.find(
      (entry: { deal: { splits?: unknown[]; won?: boolean } }) => (entry.deal.splits?.length ?? 0) > 1,
    );
    expect(split, 'the org has a won deal with revenue splits').toBeDefined();
    const dealId: string = split.deal.id;
    const before = await soql<{ Rep__c: string }>(
      stack,
      session,
      `SELECT Rep__c FROM Commission__c WHERE Opportunity__c = '${dealId}'`,
    );
    expect(new Set(before.map((record) => record.Rep__c)).size).toBeGreaterThan(1);

    const current = await api(stack, admin.id, '/api/admin/mapping');
    expect(current.status).toBe(200);
    const { splits: _dropped, ...withoutSplits } = current.body.current.mapping;
    const saved = await api(stack, admin.id, '/api/admin/mapping', {
      method: 'PUT',
      body: JSON.stringify({ mapping: withoutSplits }),
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    const deadline = Date.now() + 60_000;
    let reps = new Set<string>();
    while (Date.now() < deadline) {
      const after = await soql<{ Rep__c: string }>(
        stack,
        session,
        `SELECT Rep__c FROM Commission__c WHERE Opportunity__c = '${dealId}'`,
      );
      reps = new Set(after.map((record) => record.Rep__c));
      if (reps.size === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect([...reps]).toEqual([split.deal.ownerId]);
  });
});

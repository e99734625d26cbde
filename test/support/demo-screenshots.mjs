// Screenshots of the demo for the README: node test/support/demo-screenshots.mjs → docs/screenshots/demo-*.png
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startDemo } from '../../scripts/demo/start-demo.mjs';

const out = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const demo = await startDemo({
  emulatorPort: 0,
  apiPort: 0,
  workers: 1,
  syncIntervalMs: 1000,
  namespace: 'shots',
  dataDir: '/tmp/attain-shots',
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  const who = Object.fromEntries(demo.personas.map((p) => [p.role, p.id]));
  const shot = async (url, name, wait = 2500) => {
    await page.goto(url);
    await page.waitForTimeout(wait);
    await page.screenshot({ path: `${out}demo-${name}.png`, fullPage: true });
  };
  await shot(`${demo.urls.opportunities}?as=${who.rep}`, 'opportunity-list', 500);
  const href = await page.locator('tbody a').first().getAttribute('href');
  await page.goto(`${demo.emulator.url}${href}`);
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `${out}demo-record-before.png`, fullPage: true });
  await page.click('#close-won');
  await page.waitForFunction(
    () => !document.querySelector('#commissions')?.textContent?.includes('No commissions yet'),
    null,
    { timeout: 20000 },
  );
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `${out}demo-record-closed-won.png`, fullPage: true });
  await shot(`${demo.urls.earnings}?as=${who.manager}`, 'manager-earnings');
  await shot(`${demo.urls.sync}?as=${who.ops}`, 'ops-sync-console');
  await shot(`${demo.urls.setup}?as=${who.admin}`, 'admin-setup');
} finally {
  await browser.close();
  await demo.stop();
}

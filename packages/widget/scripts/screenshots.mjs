#!/usr/bin/env node
/**
 * Screenshots of each component as its user sees it (rep, manager, ops, admin), at a desktop and a
 * narrow width, into docs/screenshots/. Everything is real and local: the production bundle (built
 * first), loaded as a classic script the way Lightning's loadScript does, against the Attain API
 * over a private Redis and the Salesforce emulator's seeded org after one full sync.
 *
 *   pnpm --filter @attain/widget screenshots        (needs /usr/bin/chromium and redis-server)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createServer as createViteServer } from 'vite';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const OUT = here('../../../docs/screenshots/');
const BUNDLE = here('../../../salesforce/force-app/main/default/staticresources/attain_widget/attain-widget.js');
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const WIDTHS = { desktop: 1280, narrow: 390 };
const SHOTS = [
  { name: 'rep-earnings', tag: 'attain-earnings', persona: 'rep' },
  { name: 'manager-earnings', tag: 'attain-earnings', persona: 'manager' },
  { name: 'ops-sync-console', tag: 'attain-sync-console', persona: 'ops' },
  { name: 'admin-field-mapper', tag: 'attain-field-mapper', persona: 'admin' },
  { name: 'admin-plan-editor', tag: 'attain-field-mapper', persona: 'admin', keys: ['Tab', 'ArrowRight'] },
];

/** A page like a Lightning app page: grey background, the element in a card-width column. */
function pageHtml(tag, apiUrl, token) {
  return `<!doctype html><html lang="en-US"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{margin:0;padding:12px;background:#f3f3f3;font-family:system-ui,sans-serif}</style>
<script src="/attain-widget.js"></script></head><body>
<script>
  const element = document.createElement(${JSON.stringify(tag)});
  element.apiUrl = ${JSON.stringify(apiUrl)};
  element.token = ${JSON.stringify(token)};
  document.body.append(element);
</script></body></html>`;
}

async function main() {
  const built = spawnSync('pnpm', ['run', 'build'], { cwd: here('..'), stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const bundle = readFileSync(BUNDLE, 'utf8');

  // The stack's TypeScript sources load through Vite (the workspace's @attain/source condition).
  const vite = await createViteServer({
    configFile: false,
    root: here('..'),
    logLevel: 'error',
    server: { middlewareMode: true, hmr: false },
    resolve: { conditions: ['@attain/source'] },
    ssr: { resolve: { conditions: ['@attain/source'] } },
  });
  const { startSeededApi } = await vite.ssrLoadModule('/test/support/seeded-api.ts');
  const stack = await startSeededApi({ today: new Date().toISOString().slice(0, 10) });
  let current = { tag: '', token: '' };
  const server = createServer((req, res) => {
    if (req.url === '/attain-widget.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    } else if (req.url?.startsWith('/attain-api/')) {
      const url = new URL(req.url.slice('/attain-api'.length), stack.apiUrl);
      const { origin: _o, referer: _r, ...headers } = req.headers;
      const upstream = request(url, { method: req.method, headers: { ...headers, host: url.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    } else {
      const origin = `http://${req.headers.host}`;
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(pageHtml(current.tag, `${origin}/attain-api`, current.token));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  mkdirSync(OUT, { recursive: true });
  try {
    for (const shot of SHOTS) {
      for (const [label, width] of Object.entries(WIDTHS)) {
        current = { tag: shot.tag, token: await stack.token(stack.users[shot.persona].id) };
        const page = await browser.newPage({
          viewport: { width, height: 900 },
          locale: 'en-US',
          timezoneId: 'America/Los_Angeles',
        });
        await page.goto(origin, { waitUntil: 'networkidle' });
        for (const key of shot.keys ?? []) await page.keyboard.press(key);
        await page.waitForLoadState('networkidle');
        // The shadow roots are closed, as in Lightning: wait for the requests to settle and the last paint.
        await page.waitForTimeout(400);
        const file = `${OUT}${shot.name}-${label}.png`;
        await page.screenshot({ path: file, fullPage: true });
        console.log(`wrote ${file.replace(here('../../../'), '')}`);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
    await stack.close();
    await vite.close();
  }
}

await main();

#!/usr/bin/env node
// `npm run demo` (after scripts/setup.mjs): starts the whole Attain stack on 127.0.0.1 — a local
// Salesforce with Lightning-like pages, Redis, the sync workers and the API — prints where to look
// and what to try, and stops everything on Ctrl-C (SIGINT) or SIGTERM. The work is in
// demo/start-demo.mjs; this is the command line around it.
//   node scripts/demo.mjs [--opportunities N] [--seed N] [--workers N] [--port N] [--exit-after-start]
import { existsSync } from 'node:fs';

// The demo runs the packages' builds: say what to do when one is missing (before importing them).
const PACKAGES = [
  'engine',
  'salesforce-emulator',
  'demo-host',
  'salesforce',
  'store',
  'api',
  'sync-worker',
  'test-kit',
];
for (const pkg of PACKAGES) {
  if (!existsSync(new URL(`../packages/${pkg}/dist/index.js`, import.meta.url))) {
    process.stderr.write(`[demo] packages/${pkg} is not built: run \`npm run setup\` first\n`);
    process.exit(1);
  }
}
const { DEMO_DEFAULTS, startDemo } = await import('./demo/start-demo.mjs');

const USAGE =
  'usage: node scripts/demo.mjs [--opportunities N] [--seed N] [--workers N] [--port N] [--sync-interval-ms N] [--exit-after-start]';

function parse(args) {
  const options = {};
  let exitAfterStart = false;
  const numbers = {
    '--opportunities': 'opportunities',
    '--seed': 'seed',
    '--workers': 'workers',
    '--port': 'emulatorPort',
    '--sync-interval-ms': 'syncIntervalMs',
  };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    if (flag === '--exit-after-start') exitAfterStart = true;
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (flag in numbers) {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || value < 0) {
        process.stderr.write(`${flag} needs a whole number\n${USAGE}\n`);
        process.exit(2);
      }
      options[numbers[flag]] = value;
    } else {
      process.stderr.write(`unknown option: ${flag}\n${USAGE}\n`);
      process.exit(2);
    }
  }
  if (options.workers === 0) options.workers = 1;
  return { options, exitAfterStart };
}

const { options, exitAfterStart } = parse(process.argv.slice(2));
const started = Date.now();
const log = (line) => process.stderr.write(`[demo] ${line}\n`);
let demo;
let stopping = false;
const stopAll = async (reason) => {
  if (stopping) return;
  stopping = true;
  log(`${reason}: stopping the workers, the API, the emulator and Redis…`);
  await demo?.stop();
  log('stopped.');
  process.exit(0);
};
process.on('SIGINT', () => stopAll('SIGINT'));
process.on('SIGTERM', () => stopAll('SIGTERM'));
// Children run in their own process groups (so Ctrl-C reaches only us and we stop them in order);
// if we die unexpectedly, take them with us.
process.on('exit', () => {
  for (const worker of demo?.workers ?? []) worker.kill('SIGKILL');
  demo?.redisServer?.kill();
});

try {
  log(
    `starting (${options.opportunities ?? DEMO_DEFAULTS.opportunities} opportunities, ${options.workers ?? DEMO_DEFAULTS.workers} workers)…`,
  );
  demo = await startDemo({ ...options, log });
} catch (error) {
  log(`could not start: ${error?.message ?? error}`);
  process.exit(1);
}

const people = Object.fromEntries(demo.personas.map((persona) => [persona.role, persona]));
const as = (role) => (people[role] ? `?as=${people[role].id}` : '');
const lines = [
  '',
  `Attain demo ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Everything listens on 127.0.0.1 only.`,
  '',
  `  Salesforce (emulated Lightning)  ${demo.urls.opportunities}`,
  `  Attain API                       ${demo.apiUrl}  (OpenAPI: ${demo.apiUrl}/api/openapi.json)`,
  `  Redis                            ${demo.redisUrl}`,
  '',
  'Who is who (switch with "Viewing as" at the top right):',
  ...demo.personas.map((persona) => `  ${persona.role.padEnd(8)} ${persona.name} — ${persona.title}`),
  '',
  'What to try:',
  `  1. As the rep, open an open opportunity of the list and press "Close Won":`,
  `     ${demo.urls.opportunities}${as('rep')}`,
  '     within seconds its commission appears in the Commissions list and in Attain Earnings beside it.',
  `  2. Attain Earnings: what you earned, each line explained, attainment and tiers, a what-if box:`,
  `     ${demo.urls.earnings}${as('rep')}`,
  `  3. As the manager, pick anyone on the team: ${demo.urls.earnings}${as('manager')}`,
  `  4. As sales ops, press "Full resync" and follow it: ${demo.urls.sync}${as('ops')}`,
  `  5. As the admin, change the field mapping or a plan, preview and compare: ${demo.urls.setup}${as('admin')}`,
  '',
  'Press Ctrl-C to stop everything.',
  '',
];
process.stdout.write(lines.join('\n'));
if (exitAfterStart) await stopAll('--exit-after-start');

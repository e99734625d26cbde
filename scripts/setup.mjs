#!/usr/bin/env node
// First-run set-up behind `npm run demo` and `npm test`: on a machine that has only Node.js and npm,
// install pnpm, the workspace's dependencies and the system packages later steps need, then build.
// Every step is skipped when already satisfied, so a second run costs about a second.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

/** System binaries the tests and the demo need, and the Debian package that provides each. */
const SYSTEM_PACKAGES = [
  { binary: 'redis-server', pkg: 'redis-server' },
  { binary: 'chromium', pkg: 'chromium' },
];

function log(message) {
  process.stderr.write(`[setup] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    log(`failed: ${command} ${args.join(' ')} (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

function has(command, args = ['--version']) {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.status === 0;
}

function pnpmVersion() {
  try {
    return execFileSync('pnpm', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function ensurePnpm() {
  if (pnpmVersion() === PNPM_VERSION) return;
  // corepack's signature checks fail on some machines; npm's global install does not.
  log(`installing pnpm@${PNPM_VERSION} with npm`);
  run('npm', ['install', '--global', '--no-fund', '--no-audit', `pnpm@${PNPM_VERSION}`]);
  if (pnpmVersion() !== PNPM_VERSION) {
    log(`pnpm@${PNPM_VERSION} is not on PATH after installing it; add npm's global bin folder to PATH`);
    process.exit(1);
  }
}

function ensureSystemPackages() {
  const missing = SYSTEM_PACKAGES.filter(({ binary }) => !has('sh', ['-c', `command -v ${binary}`]));
  if (missing.length === 0) return;
  const names = missing.map(({ pkg }) => pkg);
  if (process.getuid?.() !== 0 || !has('sh', ['-c', 'command -v apt-get'])) {
    log(`missing system packages: ${names.join(' ')}; install them (e.g. apt-get install -y ${names.join(' ')})`);
    process.exit(1);
  }
  log(`installing system packages: ${names.join(' ')}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

function ensureDependencies() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  const lockfile = join(root, 'pnpm-lock.yaml');
  if (existsSync(marker) && mtime(marker) >= mtime(lockfile)) return;
  log('installing dependencies with pnpm');
  run('pnpm', ['install', '--frozen-lockfile', '--reporter=append-only']);
}

ensurePnpm();
ensureSystemPackages();
ensureDependencies();
run('pnpm', ['--silent', 'run', 'build']);

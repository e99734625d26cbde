/**
 * `node scripts/demo.mjs` as a newcomer runs it (after setup): it prints the URLs and what to try,
 * everything it starts listens on 127.0.0.1 only, and Ctrl-C (SIGINT) stops it all — no redis-server
 * or worker process left behind.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

it('starts, prints its URLs, listens on loopback only and stops everything on SIGINT', async () => {
  const child = spawn(
    process.execPath,
    ['scripts/demo.mjs', '--opportunities', '60', '--workers', '2', '--port', '0', '--sync-interval-ms', '1000'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  while (!stdout.includes('Press Ctrl-C')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no start-up:\n${stdout}\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const emulatorUrl =
    /Salesforce \(emulated Lightning\)\s+(http:\/\/127\.0\.0\.1:\d+)\/lightning\/o\/Opportunity\/list/.exec(
      stdout,
    )?.[1];
  const apiUrl = /Attain API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
  expect(emulatorUrl).toBeDefined();
  expect(apiUrl).toBeDefined();
  for (const role of ['rep', 'manager', 'ops', 'admin']) expect(stdout).toMatch(new RegExp(`^  ${role}\\s+\\S`, 'm'));
  expect(stdout).toContain('Close Won');

  const page = await fetch(`${emulatorUrl}/lightning/o/Opportunity/list`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('user-switcher');
  expect((await fetch(`${apiUrl}/api/openapi.json`)).status).toBe(200);

  const workerPids = (/worker process\(es\): ([\d, ]+)/.exec(stderr)?.[1] ?? '')
    .split(',')
    .map((pid) => Number(pid.trim()));
  expect(workerPids).toHaveLength(2);
  const redisPort = /redis-server on redis:\/\/127\.0\.0\.1:(\d+)/.exec(stderr)?.[1];
  const redisPids = spawnSync('pgrep', ['-f', `redis-server 127.0.0.1:${redisPort}`], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number);
  expect(redisPids.length).toBe(1);

  // Every listening socket of the demo's processes is on 127.0.0.1.
  const ss = spawnSync('ss', ['-ltnpH'], { encoding: 'utf8' });
  if (ss.status === 0) {
    const ours = [child.pid!, ...workerPids, ...redisPids];
    const lines = ss.stdout.split('\n').filter((line) => ours.some((pid) => line.includes(`pid=${pid},`)));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(line.split(/\s+/)[3]).toMatch(/^127\.0\.0\.1:\d+$/);
  }

  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(stderr).toContain('stopped.');
  for (const pid of [...workerPids, ...redisPids]) expect(alive(pid), `process ${pid} left behind`).toBe(false);
}, 120_000);

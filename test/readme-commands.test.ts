import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/**
 * Runs what `npm run demo` runs after its set-up step (set-up already happened: `npm test` did it),
 * with a small org, any free port, and an exit right after start-up (the full start/stop cycle with
 * SIGINT is e2e-demo-startup.test.ts).
 */
function runDemoCommand() {
  const command = manifest.scripts.demo?.split(' && ').at(-1);
  if (!command) throw new Error('package.json has no demo script');
  const [program, ...args] = command.split(' ');
  return spawnSync(
    program as string,
    [...args, '--opportunities', '60', '--workers', '1', '--port', '0', '--exit-after-start'],
    { cwd: root, encoding: 'utf8', timeout: 90_000 },
  );
}

describe('the README quick start', () => {
  it('names exactly the two set-up commands', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('npm run demo');
    expect(readme).toContain('npm test');
    expect(manifest.scripts.demo).toMatch(/^node scripts\/setup\.mjs && /);
    expect(manifest.scripts.test).toMatch(/^node scripts\/setup\.mjs && /);
  });

  it('npm run demo starts the stack and prints where to look and what to try', () => {
    const result = runDemoCommand();
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /Salesforce \(emulated Lightning\)\s+http:\/\/127\.0\.0\.1:\d+\/lightning\/o\/Opportunity\/list/,
    );
    expect(result.stdout).toMatch(/Attain API\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(result.stdout).toContain('Close Won');
    expect(result.stderr).toContain('first full sync succeeded');
    expect(result.stderr).toContain('stopped.');
  });
});

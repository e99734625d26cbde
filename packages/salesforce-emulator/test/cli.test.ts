import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsforce from 'jsforce';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOptions } from '../src/cli/options.js';
import { CLIENT } from './emulator-fixture.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const dispatcher = join(repoRoot, 'scripts/attain.mjs');
const builtCli = join(repoRoot, 'packages/salesforce-emulator/dist/cli/main.js');
const workDir = mkdtempSync(join(tmpdir(), 'attain-emulator-cli-'));

function run(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  ready: Promise<string>;
  exit: Promise<number | null>;
  stderr: () => string;
} {
  const child = spawn(process.execPath, [dispatcher, 'emulator', ...args], { cwd: repoRoot, env: { ...process.env } });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('\n')) resolve(stdout);
    });
    exit.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  // A run that is expected to fail never becomes ready: keep that from being an unhandled rejection.
  ready.catch(() => undefined);
  return { child, ready, exit, stderr: () => stderr };
}

describe('attain emulator (the built CLI)', () => {
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('is built', () => {
    expect(existsSync(builtCli), 'run `pnpm exec tsc -b packages/salesforce-emulator` first').toBe(true);
  });

  it('starts, prints one ready line, serves, saves its data file on SIGTERM and loads it again', async () => {
    const dataFile = join(workDir, 'org.json');
    const first = run(['--port', '0', '--opportunities', '30', '--data-file', dataFile]);
    const line = await first.ready;
    const match =
      /^Salesforce emulator ready at (http:\/\/127\.0\.0\.1:\d+) \(org (00D\w{15}), 30 opportunities\)\n$/.exec(line);
    expect(match, line).not.toBeNull();
    const url = String(match?.[1]);
    const conn = new jsforce.Connection({ oauth2: { ...CLIENT, loginUrl: url } });
    await conn.authorize({ grant_type: 'client_credentials' });
    const created = await conn.sobject('Commission__c').create({ External_Key__c: 'from-cli' });
    expect(created.success).toBe(true);
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    const saved = JSON.parse(readFileSync(dataFile, 'utf8')) as { objects: Record<string, { Id: string }[]> };
    expect(saved.objects.Commission__c?.some((record) => record.Id === created.id)).toBe(true);

    const second = run(['--port', '0', '--data-file', dataFile]);
    const secondUrl = String(/at (http:\/\/\S+)/.exec(await second.ready)?.[1]);
    const again = new jsforce.Connection({ oauth2: { ...CLIENT, loginUrl: secondUrl } });
    await again.authorize({ grant_type: 'client_credentials' });
    const found = await again.query("SELECT Id FROM Commission__c WHERE External_Key__c = 'from-cli'");
    expect(found.records.map((record) => record.Id)).toEqual([created.id]);
    second.child.kill('SIGINT');
    expect(await second.exit).toBe(0);
  });

  it("loads another SFDX project's objects with --sfdx-path, and refuses a folder without objects", async () => {
    const fleet = join(repoRoot, 'packages/salesforce-emulator/test/fixtures/fleet-sfdx-project');
    const started = run(['--port', '0', '--opportunities', '10', '--sfdx-path', fleet]);
    const url = String(/at (http:\/\/\S+)/.exec(await started.ready)?.[1]);
    const conn = new jsforce.Connection({ oauth2: { ...CLIENT, loginUrl: url } });
    await conn.authorize({ grant_type: 'client_credentials' });
    const created = await conn.sobject('Vehicle__c').create({ Name: 'Truck', VIN__c: 'VIN-CLI-1' });
    expect(String(created.id)).toMatch(/^a02/);
    started.child.kill('SIGTERM');
    expect(await started.exit).toBe(0);
    const refused = run(['--port', '0', '--sfdx-path', workDir]);
    expect(await refused.exit).toBe(2);
    expect(refused.stderr()).toMatch(/no objects directory in the SFDX project .*\[SFDX_MISSING_DIRECTORY\]/);
  });

  it('refuses bad flags with exit status 2', async () => {
    const bad = run(['--failure-rate', '3']);
    expect(await bad.exit).toBe(2);
    expect(bad.stderr()).toMatch(/--failure-rate needs a number between 0 and 1/);
    const unknown = run(['--frobnicate']);
    expect(await unknown.exit).toBe(2);
    expect(unknown.stderr()).toMatch(/unknown option: --frobnicate/);
  });
});

describe('attain emulator flags', () => {
  it('maps every flag onto the emulator options', () => {
    const { emulator } = parseOptions([
      '--port=0',
      '--seed',
      '7',
      '--opportunities',
      '100000',
      '--daily-limit',
      '500',
      '--bulk-page-size',
      '1000',
      '--latency-ms',
      '25',
      '--failure-rate',
      '0.1',
      '--failure-mode',
      'UNABLE_TO_LOCK_ROW',
      '--sfdx-path',
      'one',
      '--sfdx-path=two',
    ]);
    expect(emulator).toMatchObject({
      port: 0,
      seed: 7,
      opportunities: 100_000,
      dailyApiLimit: 500,
      bulkQueryPageSize: 1000,
      faults: { latencyMs: 25, failureRate: 0.1, failureMode: 'UNABLE_TO_LOCK_ROW' },
      sfdxProjects: ['one', 'two'],
    });
    expect(parseOptions([]).emulator).toEqual({ port: 4010 });
    expect(() => parseOptions(['--bulk-page-size', '0'])).toThrow(/--bulk-page-size needs an integer ≥ 1/);
  });
});

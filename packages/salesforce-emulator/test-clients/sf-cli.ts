/**
 * The official Salesforce CLI (`sf`), installed on demand into a cache folder outside the
 * repository and run against an emulator with its own throw-away HOME. The CLI needs Node 22: when
 * the running Node is older, the `node-<platform>-<arch>` npm package provides a Node 22 binary.
 * Pinned versions, so a run today and a run next year drive the same CLI.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export const SF_CLI_VERSION = '2.150.6';
export const NODE_22_VERSION = '22.23.5';

/** `ATTAIN_SF_CLI_CACHE` or `~/.cache/attain/sf-cli`. */
export const SF_CLI_CACHE = process.env.ATTAIN_SF_CLI_CACHE ?? join(homedir(), '.cache', 'attain', 'sf-cli');

const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'NO_PROXY', 'no_proxy'];

export interface SfCli {
  /** Runs `sf <args>`; resolves with exit code, stdout and stderr (never rejects on a non-zero exit). */
  run(args: string[], options?: { env?: Record<string, string>; cwd?: string }): Promise<SfResult>;
  /** Runs `sf <args> --json` and parses the answer. */
  json<T = Record<string, unknown>>(args: string[], options?: { env?: Record<string, string> }): Promise<SfJson<T>>;
  /** The temporary HOME holding the CLI's config, auth files and logs. */
  home: string;
  /** Deletes the temporary HOME. */
  dispose(): void;
}

export interface SfResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface SfJson<T> {
  status: number;
  result: T;
  warnings?: string[];
  name?: string;
  message?: string;
}

function nodePackage(): string | undefined {
  if (Number(process.versions.node.split('.')[0]) >= 22) return undefined;
  return `node-${process.platform}-${process.arch}`;
}

/** Installs the pinned CLI (and a Node 22 when needed) into the cache unless it is already there. */
export function ensureSfCli(): { node: string; runJs: string } {
  const modules = join(SF_CLI_CACHE, 'node_modules');
  const runJs = join(modules, '@salesforce', 'cli', 'bin', 'run.js');
  const nodeName = nodePackage();
  const node = nodeName ? join(modules, nodeName, 'bin', 'node') : process.execPath;
  const installed = (name: string) => {
    const manifest = join(modules, name, 'package.json');
    return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : '';
  };
  const ready =
    installed('@salesforce/cli') === SF_CLI_VERSION &&
    (!nodeName || installed(nodeName) === NODE_22_VERSION) &&
    existsSync(runJs) &&
    existsSync(node);
  if (!ready) {
    mkdirSync(SF_CLI_CACHE, { recursive: true });
    const manifest = join(SF_CLI_CACHE, 'package.json');
    if (!existsSync(manifest)) writeFileSync(manifest, '{ "name": "attain-sf-cli-cache", "private": true }\n');
    const packages = [`@salesforce/cli@${SF_CLI_VERSION}`, ...(nodeName ? [`${nodeName}@${NODE_22_VERSION}`] : [])];
    process.stderr.write(`Installing ${packages.join(' and ')} into ${SF_CLI_CACHE} (once; about a minute)…\n`);
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        SF_CLI_CACHE,
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        '--engine-strict=false',
        ...packages,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'], timeout: 15 * 60_000 },
    );
  }
  return { node, runJs };
}

/**
 * A CLI whose state lives in a fresh temporary HOME: no telemetry, no update checks, no keychain,
 * no proxies (the emulator is on 127.0.0.1), nothing read from or written to the user's own `sf`.
 */
export function sfCli(): SfCli {
  const { node, runJs } = ensureSfCli();
  const home = mkdtempSync(join(tmpdir(), 'attain-sf-home-'));
  const baseEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || PROXY_VARIABLES.includes(key) || /^(SF|SFDX)_/.test(key)) continue;
    baseEnv[key] = value;
  }
  Object.assign(baseEnv, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    SF_DISABLE_TELEMETRY: 'true',
    SFDX_DISABLE_TELEMETRY: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_DISABLE_AUTOUPDATE: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_HIDE_RELEASE_NOTES: 'true',
    SF_HIDE_RELEASE_NOTES_FOOTER: 'true',
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SF_DISABLE_SOURCE_MEMBER_POLLING: 'true',
    SF_LOG_LEVEL: 'warn',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
  });
  const run: SfCli['run'] = (args, options = {}) =>
    new Promise((resolve) => {
      execFile(
        node,
        [runJs, ...args],
        {
          env: { ...baseEnv, ...options.env },
          cwd: options.cwd ?? home,
          maxBuffer: 256 * 1024 * 1024,
          timeout: 180_000,
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout: String(stdout), stderr: String(stderr) });
        },
      );
    });
  const json: SfCli['json'] = async (args, options) => {
    const result = await run([...args, '--json'], options);
    try {
      return JSON.parse(result.stdout) as SfJson<never>;
    } catch {
      throw new Error(
        `sf ${args.join(' ')} did not answer JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
      );
    }
  };
  return { run, json, home, dispose: () => rmSync(home, { recursive: true, force: true }) };
}

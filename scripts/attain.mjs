#!/usr/bin/env node
// `pnpm attain <command> …`: one entry point for every package's command line.
// Each package declares the commands it serves in its package.json (`"attain": { "cli", "commands" }`);
// the CLI module exports `main(command, args) → Promise<exit code>`. Commands run from the compiled
// `dist/` so that start-up stays fast (the engine benchmark times the whole process). With
// ATTAIN_FROM_SOURCES=1, under scripts/ts-loader.mjs, they run from their TypeScript sources instead
// (the end-to-end suites' worker processes: see test/README.md).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FROM_SOURCES = process.env.ATTAIN_FROM_SOURCES === '1';

function commandTable() {
  const table = new Map();
  const packagesDir = join(root, 'packages');
  for (const name of readdirSync(packagesDir)) {
    const manifestPath = join(packagesDir, name, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const attain = manifest.attain;
    if (!attain) continue;
    const cli = FROM_SOURCES ? attain.cli.replace(/^\.\/dist\/(.*)\.js$/, './src/$1.ts') : attain.cli;
    for (const command of attain.commands) {
      table.set(command, { packageName: manifest.name, cli: join(packagesDir, name, cli) });
    }
  }
  return table;
}

function usage(table) {
  const lines = ['usage: pnpm --silent attain <command> [options]', '', 'commands:'];
  for (const [command, { packageName }] of [...table].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${command.padEnd(10)} (${packageName})`);
  }
  return `${lines.join('\n')}\n`;
}

const [command, ...args] = process.argv.slice(2);
const table = commandTable();
const entry = command === undefined ? undefined : table.get(command);
if (!entry) {
  process.stderr.write(
    command && command !== '--help' ? `unknown command: ${command}\n\n${usage(table)}` : usage(table),
  );
  process.exit(command === '--help' ? 0 : 2);
}
if (!existsSync(entry.cli)) {
  process.stderr.write(`${entry.packageName} is not built yet: run \`npm run setup\` (or \`pnpm build\`) first\n`);
  process.exit(2);
}
const { main } = await import(pathToFileURL(entry.cli).href);
const code = await main(command, args);
if (typeof code === 'number') process.exitCode = code;

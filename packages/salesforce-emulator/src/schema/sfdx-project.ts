/**
 * Where an SFDX project keeps its objects. `attain emulator --sfdx-path DIR` accepts a project root
 * (with `sfdx-project.json`: every package directory it lists is searched) or any source folder;
 * each folder named `objects` below it (`force-app/main/default/objects`, or a custom layout) is a
 * source the SFDX loader reads. Dependencies and tool state (`node_modules`, `.sf`, `.sfdx`, `.git`)
 * are never searched.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SchemaLoadError, SchemaLoadErrorCode } from './sfdx-loader.js';

const SKIPPED = new Set(['node_modules', '.git', '.sf', '.sfdx', '.vscode', '.husky']);
/** `force-app/main/default/objects` is three levels down; leave room for custom layouts. */
const MAX_DEPTH = 8;

/** The folders holding an `objects/` folder (what `loadCustomObjects` takes), in path order. */
export function sfdxSourceDirs(projectPath: string): string[] {
  const root = resolve(projectPath);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new SchemaLoadError(SchemaLoadErrorCode.missingDirectory, root, 'no such SFDX project directory');
  }
  const sources: string[] = [];
  for (const packageDir of packageDirectories(root)) collect(packageDir, 0, sources);
  if (sources.length === 0) {
    throw new SchemaLoadError(SchemaLoadErrorCode.missingDirectory, root, 'no objects directory in the SFDX project');
  }
  return [...new Set(sources)].sort();
}

/** `packageDirectories[].path` of `sfdx-project.json`, or the folder itself when there is none. */
function packageDirectories(root: string): string[] {
  const projectFile = join(root, 'sfdx-project.json');
  if (!existsSync(projectFile)) return [root];
  let project: { packageDirectories?: { path?: unknown }[] };
  try {
    project = JSON.parse(readFileSync(projectFile, 'utf8')) as typeof project;
  } catch (error) {
    throw new SchemaLoadError(SchemaLoadErrorCode.invalidProject, projectFile, `cannot parse JSON: ${String(error)}`);
  }
  const paths = (project.packageDirectories ?? [])
    .map((entry) => entry.path)
    .filter((path): path is string => typeof path === 'string');
  if (paths.length === 0) {
    throw new SchemaLoadError(SchemaLoadErrorCode.invalidProject, projectFile, 'no packageDirectories with a path');
  }
  return paths.map((path) => resolve(root, path)).filter((dir) => existsSync(dir));
}

function collect(dir: string, depth: number, sources: string[]): void {
  if (depth > MAX_DEPTH) return;
  const entries = readdirSync(dir, { withFileTypes: true });
  if (entries.some((entry) => entry.isDirectory() && entry.name === 'objects')) {
    sources.push(dir);
    return;
  }
  for (const entry of entries) {
    if (entry.isDirectory() && !SKIPPED.has(entry.name)) collect(join(dir, entry.name), depth + 1, sources);
  }
}

/**
 * Editing a plan document in a form: values are read and written by JSON path, and the validator's
 * issues (each with a path) are matched to the input at that path so they show in place.
 */
import type { Issue } from '../api/types.js';

export type Path = (string | number)[];

/** `['components', 0, 'tiers', 1, 'rate']` → `components.0.tiers.1.rate` (the key of an input and of its issues). */
export function pathKey(path: Path): string {
  return path.join('.');
}

export function getAt(document: unknown, path: Path): unknown {
  let current = document;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

/** A copy of `document` with the value at `path` replaced; `undefined` removes the key. */
export function setAt<T>(document: T, path: Path, value: unknown): T {
  const copy = structuredClone(document) as Record<string | number, unknown>;
  let current: Record<string | number, unknown> = copy;
  for (const part of path.slice(0, -1)) current = current[part] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined && !Array.isArray(current)) delete current[last];
  else current[last] = value;
  return copy as T;
}

/** Issues by input key; the API may root them at the request body (`plan.components…`). */
export function issuesByPath(issues: readonly Issue[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const issue of issues) {
    const path = issue.path[0] === 'plan' ? issue.path.slice(1) : issue.path;
    const key = pathKey(path);
    out.set(key, [...(out.get(key) ?? []), issue.message]);
  }
  return out;
}

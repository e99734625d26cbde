import type { EngineInput, Issue, ValidationResult } from '../index.js';
import { parseInput } from '../index.js';
import { badInputError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { readSource } from './read-source.js';

/**
 * Reads and validates the `--input` document. The file's text lives only inside this call, so it can
 * be collected while the engine computes (the benchmark's memory target is 3× the file size).
 */
export async function readInput(path: string, io: CliIo): Promise<ValidationResult> {
  return parseInput(await readSource('--input', path, io));
}

export async function loadInput(path: string, io: CliIo): Promise<EngineInput> {
  const result = await readInput(path, io);
  if (!result.ok) throw badInputError(result.issues);
  return result.value;
}

/**
 * Parses a side document given on the command line (`--deal`, `--plan`) as JSON. Bad JSON is one
 * issue at the document's root, named after the flag so the user knows which text to fix.
 */
export function parseSideDocument(
  root: string,
  text: string,
): { ok: true; value: unknown } | { ok: false; issue: Issue } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, issue: { code: 'invalid_json', path: [root], message: `not valid JSON: ${reason}` } };
  }
}

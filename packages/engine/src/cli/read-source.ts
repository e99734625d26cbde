import { readFileSync } from 'node:fs';
import { CliError, CliErrorCode } from './cli-error.js';
import type { CliIo } from './cli-io.js';

/** `-` names stdin. */
export const STDIN = '-';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ERR_STRING_TOO_LONG: 'too large to read as one string',
  ERR_FS_FILE_TOO_LARGE: 'too large to read as one string',
};

/**
 * The whole text of the file a flag names (or of stdin for `-`), as one string: the engine parses the
 * document in one `JSON.parse`, which is the fastest way through a big input. A UTF-8 byte-order mark,
 * which some Windows editors write, is dropped so that it does not read as bad JSON.
 */
export async function readSource(flag: string, path: string, io: CliIo): Promise<string> {
  const text = path === STDIN ? await readStream(io.stdin) : readFile(flag, path);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function readFile(flag: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const reason = REASONS[code] ?? (code || (error instanceof Error ? error.message : String(error)));
    throw new CliError(CliErrorCode.unreadableFile, [`${flag}: cannot read ${path} (${reason})`]);
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  // Decoding once after joining keeps multi-byte characters that straddle two chunks intact.
  return Buffer.concat(chunks).toString('utf8');
}

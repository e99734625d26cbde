import type { Issue } from '../index.js';
import { formatIssue } from '../index.js';

/** Why a command refused to run: every one of these ends with exit status 2 and its lines on stderr. */
export const CliErrorCode = {
  /** Unknown command or flag, missing required flag, bad flag value. */
  usage: 'usage',
  /** A file named by a flag could not be read. */
  unreadableFile: 'unreadable_file',
  /** An input document (or --deal / --plan) breaks the plan-language contract. */
  badInput: 'bad_input',
} as const;
export type CliErrorCode = (typeof CliErrorCode)[keyof typeof CliErrorCode];

/** A refusal the user can fix; `lines` are printed to stderr as they are, one per line. */
export class CliError extends Error {
  constructor(
    readonly code: CliErrorCode,
    readonly lines: string[],
  ) {
    super(lines.join('\n'));
    this.name = 'CliError';
  }
}

export function usageError(problem: string, usage: string): CliError {
  return new CliError(CliErrorCode.usage, [problem, `usage: ${usage}`]);
}

export function badInputError(issues: Issue[]): CliError {
  return new CliError(CliErrorCode.badInput, issues.map(formatIssue));
}

/** Re-roots issues found in a side document (`--deal`, `--plan`) so their paths read `deal.amount`, `plan.tiers[0]`. */
export function underRoot(root: string, issues: Issue[]): Issue[] {
  return issues.map((issue) => ({ ...issue, path: [root, ...issue.path] }));
}

import { parseArgs } from 'node:util';
import { usageError } from './cli-error.js';

export const OutputFormat = { json: 'json', table: 'table', text: 'text' } as const;
export type OutputFormat = (typeof OutputFormat)[keyof typeof OutputFormat];

type FlagName = 'input' | 'format' | 'rep' | 'deal' | 'plan';

interface CommandSpec {
  usage: string;
  flags: readonly FlagName[];
  required: readonly FlagName[];
  /** The first is the default. */
  formats: readonly OutputFormat[];
  summary: string;
}

/** Every command the engine serves, with its flags; `scripts/attain.mjs` routes these names here. */
export const COMMANDS = {
  compute: {
    usage: 'attain compute --input FILE|- [--format json|table]',
    flags: ['input', 'format'],
    required: ['input'],
    formats: ['json', 'table'],
    summary: 'print the statements of an input document (plan language v1)',
  },
  validate: {
    usage: 'attain validate --input FILE|- [--format text|json]',
    flags: ['input', 'format'],
    required: ['input'],
    formats: ['text', 'json'],
    summary: 'check an input document and list every problem with its JSON path',
  },
  estimate: {
    usage: 'attain estimate --input FILE|- --rep ID --deal JSON|@FILE [--format json|table]',
    flags: ['input', 'rep', 'deal', 'format'],
    required: ['input', 'rep', 'deal'],
    formats: ['json', 'table'],
    summary: 'what one hypothetical deal would add to a rep’s statement',
  },
  compare: {
    usage: 'attain compare --input FILE|- --plan FILE|- [--format json|table]',
    flags: ['input', 'plan', 'format'],
    required: ['input', 'plan'],
    formats: ['json', 'table'],
    summary: 'a new version of one plan against the current one, over the same deals',
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

export interface CommandOptions {
  help: boolean;
  format: OutputFormat;
  input: string;
  rep: string;
  deal: string;
  plan: string;
}

/** The usage text of every command, for an unknown command or `--help`. */
export function allUsages(): string {
  return Object.values(COMMANDS)
    .map((spec) => `  ${spec.usage}\n      ${spec.summary}`)
    .join('\n');
}

/**
 * Reads a command's flags strictly: an unknown flag, a positional argument, a flag without its value,
 * a missing required flag or an unknown format is a usage error (exit 2), never a guess.
 */
export function parseOptions(command: CommandName, args: string[]): CommandOptions {
  const spec: CommandSpec = COMMANDS[command];
  const flagConfig: Record<string, { type: 'string' } | { type: 'boolean'; short: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const flag of spec.flags) flagConfig[flag] = { type: 'string' };

  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args, options: flagConfig, strict: true, allowPositionals: false }));
  } catch (error) {
    throw usageError(`attain ${command}: ${describeParseError(error)}`, spec.usage);
  }

  const help = values.help === true;
  const text = (flag: FlagName): string => {
    const value = values[flag];
    return typeof value === 'string' ? value : '';
  };
  if (!help) {
    const missing = spec.required.filter((flag) => text(flag) === '');
    if (missing.length > 0) {
      const list = missing.map((flag) => `--${flag}`).join(', ');
      throw usageError(`attain ${command}: missing ${list}`, spec.usage);
    }
  }
  const formatText = values.format ?? spec.formats[0];
  const format = spec.formats.find((candidate) => candidate === formatText);
  if (format === undefined) {
    throw usageError(
      `attain ${command}: --format must be one of ${spec.formats.join(', ')} (got "${String(formatText)}")`,
      spec.usage,
    );
  }
  const stdinReaders = [
    text('input') === '-' ? '--input -' : '',
    text('plan') === '-' ? '--plan -' : '',
    text('deal') === '@-' ? '--deal @-' : '',
  ].filter((flag) => flag !== '');
  if (stdinReaders.length > 1) {
    throw usageError(`attain ${command}: stdin can be read only once (${stdinReaders.join(', ')})`, spec.usage);
  }
  return { help, format, input: text('input'), rep: text('rep'), deal: text('deal'), plan: text('plan') };
}

/** `parseArgs` messages carry advice for scripts (`use --foo=-XYZ`); keep their first sentence, which names the flag. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0] ?? message;
  const unknown = /^Unknown option '([^']+)'/.exec(firstLine);
  if (unknown) return `unknown flag ${unknown[1]}`;
  const positional = /^Unexpected argument '([^']*)'/.exec(firstLine);
  if (positional) return `unexpected argument "${positional[1]}"`;
  const missingValue = /^Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(firstLine);
  if (missingValue) return `${missingValue[1]} needs a value`;
  const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(firstLine);
  if (ambiguous) return `${ambiguous[1]} needs a value (write ${ambiguous[1]}=VALUE for a value that starts with "-")`;
  return firstLine;
}

import type { EngineInput } from '../../index.js';
import { badInputError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { readInput } from '../documents.js';
import type { CommandOptions } from '../options.js';
import { printDocument } from '../output.js';

/**
 * `attain validate`: exit 0 with a one-line summary on stderr, or exit 2 with one line per problem.
 * `--format json` answers on stdout instead (`{"ok":true}` or `{"ok":false,"issues":[…]}`), bad input
 * included: a script asked for the issues as data.
 */
export async function runValidate(options: CommandOptions, io: CliIo): Promise<number> {
  const result = await readInput(options.input, io);
  if (options.format === 'json') {
    const document = result.ok ? { ok: true } : { ok: false, issues: result.issues };
    await printDocument(io, 'json', document, async () => {});
    return result.ok ? 0 : 2;
  }
  if (!result.ok) throw badInputError(result.issues);
  io.stderr.write(`${summary(result.value)}\n`);
  return 0;
}

function summary(input: EngineInput): string {
  const counts = [
    count(input.plans.length, 'plan'),
    count(input.assignments.length, 'assignment'),
    count(input.quotas.length, 'quota'),
    count(input.deals.length, 'deal'),
    count(input.exchangeRates.length, 'exchange rate'),
  ];
  // v2 parts are named only when the document has them, so a v1 summary reads as before.
  if (input.managers !== undefined) counts.push(count(input.managers.length, 'manager entry', 'manager entries'));
  if (input.closed !== undefined) counts.push(count(input.closed.length, 'closed statement'));
  return `valid: ${counts.join(', ')}; corporate currency ${input.corporateCurrency}`;
}

function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

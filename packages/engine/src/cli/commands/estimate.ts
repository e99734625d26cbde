import type { Deal, EngineInput, Issue } from '../../index.js';
import { estimate, validateWhatIfDeal } from '../../index.js';
import { badInputError, underRoot } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { parseSideDocument, readInput } from '../documents.js';
import type { CommandOptions } from '../options.js';
import { printDocument } from '../output.js';
import { readSource } from '../read-source.js';

/** Used only to check a deal's own fields when the input document is itself bad. */
const FALLBACK_CURRENCY = 'USD';

/**
 * `attain estimate`: what one hypothetical deal (`--deal '{"amount":"12000","closeDate":"2026-02-15"}'`
 * or `--deal @deal.json`) would add to a rep's statement. Problems in the input and in the deal are
 * reported together, the deal's under `deal.`.
 */
export async function runEstimate(options: CommandOptions, io: CliIo): Promise<number> {
  const inputResult = await readInput(options.input, io);
  const dealText = options.deal.startsWith('@') ? await readSource('--deal', options.deal.slice(1), io) : options.deal;

  const issues: Issue[] = inputResult.ok ? [] : [...inputResult.issues];
  const corporateCurrency = inputResult.ok ? inputResult.value.corporateCurrency : FALLBACK_CURRENCY;
  let deal: Deal | undefined;
  const parsed = parseSideDocument('deal', dealText);
  if (!parsed.ok) {
    issues.push(parsed.issue);
  } else {
    const checked = validateWhatIfDeal(parsed.value, options.rep, corporateCurrency);
    if (checked.ok) deal = checked.value;
    else issues.push(...underRoot('deal', checked.issues));
  }
  if (issues.length > 0 || !inputResult.ok || deal === undefined) throw badInputError(issues);

  const input: EngineInput = inputResult.value;
  const result = estimate(input, options.rep, deal);
  await printDocument(io, options.format, result, (out, table, style) => table.writeEstimateTable(out, result, style));
  return 0;
}

import type { ComputeOutput } from '../../index.js';
import { compute } from '../../index.js';
import type { CliIo } from '../cli-io.js';
import { loadInput } from '../documents.js';
import type { CommandOptions } from '../options.js';
import { printDocument } from '../output.js';

/** `attain compute`: the spec's output document (§4) on stdout. */
export async function runCompute(options: CommandOptions, io: CliIo): Promise<number> {
  const { output, planNames } = await computeFile(options, io);
  await printDocument(io, options.format, output, (out, table, style) =>
    table.writeComputeTable(out, output, planNames, style),
  );
  return 0;
}

/** Keeps the input document out of the printing step's scope so it can be collected meanwhile. */
async function computeFile(
  options: CommandOptions,
  io: CliIo,
): Promise<{ output: ComputeOutput; planNames: Map<string, string> }> {
  const input = await loadInput(options.input, io);
  const planNames = new Map<string, string>();
  if (options.format === 'table') for (const plan of input.plans) if (plan.name) planNames.set(plan.id, plan.name);
  return { output: compute(input), planNames };
}

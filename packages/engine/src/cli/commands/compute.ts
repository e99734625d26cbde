import type { ComputeOutput, EngineInput } from '../../index.js';
import { compute, computeStatements } from '../../index.js';
import { BufferedWriter } from '../buffered-writer.js';
import type { CliIo } from '../cli-io.js';
import { loadInput } from '../documents.js';
import { writeJson } from '../json-stream.js';
import type { CommandOptions } from '../options.js';
import { printDocument } from '../output.js';

/** `attain compute`: the spec's output document (§4) on stdout. */
export async function runCompute(options: CommandOptions, io: CliIo): Promise<number> {
  if (options.format === 'table') {
    const { output, planNames } = await computeFile(options, io);
    await printDocument(io, 'table', output, (out, table, style) =>
      table.writeComputeTable(out, output, planNames, style),
    );
    return 0;
  }
  await streamComputeJson(await loadInput(options.input, io), io);
  return 0;
}

/**
 * Writes exactly `JSON.stringify(compute(input))` and a newline, one statement at a time as the engine
 * builds it: no statement is kept once written, so the output never exists whole in memory. The input
 * is only referenced by the engine's generator, which drops what it no longer needs.
 */
async function streamComputeJson(input: EngineInput, io: CliIo): Promise<void> {
  const out = new BufferedWriter(io.stdout);
  const statements = computeStatements(input);
  let separator = '{"statements":[';
  let step = statements.next();
  while (!step.done) {
    await out.write(separator + JSON.stringify(step.value));
    separator = ',';
    step = statements.next();
  }
  await out.write(separator === ',' ? '],"warnings":' : '{"statements":[],"warnings":');
  await writeJson(out, step.value);
  await out.write('}\n');
  await out.end();
}

/** Keeps the input document out of the printing step's scope so it can be collected meanwhile. */
async function computeFile(
  options: CommandOptions,
  io: CliIo,
): Promise<{ output: ComputeOutput; planNames: Map<string, string> }> {
  const input = await loadInput(options.input, io);
  const planNames = new Map<string, string>();
  // With versions (v2), the version without `from` (else the earliest) names the plan; v1 as before.
  const byFrom = [...input.plans].sort((a, b) =>
    (a.from ?? '') < (b.from ?? '') ? -1 : (a.from ?? '') > (b.from ?? '') ? 1 : 0,
  );
  for (const plan of byFrom) if (plan.name && !planNames.has(plan.id)) planNames.set(plan.id, plan.name);
  return { output: compute(input), planNames };
}

import { BufferedWriter } from './buffered-writer.js';
import type { CliIo } from './cli-io.js';
import { writeJson } from './json-stream.js';
import type { Style } from './table.js';

/**
 * Prints a result document: JSON (the text of `JSON.stringify(document)` plus a newline, streamed),
 * or a table drawn by `drawTable`, whose module is imported only then.
 */
export async function printDocument(
  io: CliIo,
  format: 'json' | 'table' | 'text',
  document: object,
  drawTable: (out: BufferedWriter, table: typeof import('./table.js'), style: Style) => Promise<void>,
): Promise<void> {
  const out = new BufferedWriter(io.stdout);
  if (format === 'table') {
    const table = await import('./table.js');
    await drawTable(out, table, table.createStyle(io));
  } else {
    await writeJson(out, document);
    await out.write('\n');
  }
  await out.end();
}

import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/cli-io.js';
import { main } from '../src/cli/main.js';
import { compute, parseInput } from '../src/index.js';
import { STACK_FRAME, smallInput } from './cli-fixtures.js';

/** `main` in this process, with streams we control: for failures a real process cannot be made to show. */
function harness(stdin: Readable, stdout: Writable) {
  const stderr = new PassThrough();
  let errText = '';
  stderr.on('data', (chunk: Buffer) => {
    errText += chunk.toString();
  });
  const io: CliIo = { stdin, stdout, stderr, env: {} };
  return { io, stderrText: () => errText };
}

function collector() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      text += String(chunk);
      callback();
    },
  });
  return { stream, text: () => text };
}

describe('main (in process)', () => {
  it('computes from an injected stdin to an injected stdout', async () => {
    const doc = JSON.stringify(smallInput());
    const out = collector();
    const { io, stderrText } = harness(Readable.from([Buffer.from(doc)]), out.stream);
    expect(await main('compute', ['--input', '-'], io)).toBe(0);
    expect(stderrText()).toBe('');
    const parsed = parseInput(doc);
    if (!parsed.ok) throw new Error('fixture invalid');
    expect(out.text()).toBe(`${JSON.stringify(compute(parsed.value))}\n`);
  });

  it('decodes UTF-8 split across stdin chunks and ignores a byte-order mark', async () => {
    const doc = JSON.stringify({ ...smallInput(), plans: [{ ...smallInput().plans[0], name: 'Équipe 東京 😀' }] });
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc)]);
    const cut = bytes.indexOf(Buffer.from('東')) + 1; // inside the three bytes of 東
    const out = collector();
    const { io, stderrText } = harness(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]), out.stream);
    expect(await main('compute', ['--input', '-', '--format', 'table'], io)).toBe(0);
    expect(stderrText()).toBe('');
    expect(out.text()).toContain('(Équipe 東京 😀)');
  });

  it('turns an unexpected failure into one line and exit 1, without a stack trace', async () => {
    const failing = new Writable({
      write(_chunk, _encoding, callback) {
        const error: NodeJS.ErrnoException = new Error('i/o error, write');
        error.code = 'EIO';
        callback(error);
      },
    });
    const stdin = Readable.from([Buffer.from(JSON.stringify(smallInput()))]);
    const { io, stderrText } = harness(stdin, failing);
    expect(await main('compute', ['--input', '-'], io)).toBe(1);
    expect(stderrText()).toBe('attain compute: internal error: Error: i/o error, write\n');
    expect(stderrText()).not.toMatch(STACK_FRAME);
  });

  it('reports a stdin that fails while being read as an internal error', async () => {
    const stdin = new Readable({
      read() {
        this.destroy(new Error('stdin broke\n    at somewhere (file.js:1:1)'));
      },
    });
    const { io, stderrText } = harness(stdin, collector().stream);
    expect(await main('validate', ['--input', '-'], io)).toBe(1);
    expect(stderrText()).toBe('attain validate: internal error: Error: stdin broke\n');
  });

  it('refuses a command it does not serve, listing the ones it does', async () => {
    const { io, stderrText } = harness(Readable.from([]), collector().stream);
    expect(await main('payout', [], io)).toBe(2);
    expect(stderrText()).toMatch(/^unknown command: payout\nusage: attain <command> \[options\]\n/);
    for (const command of ['compute', 'validate', 'estimate', 'compare']) {
      expect(stderrText()).toContain(`attain ${command} --input`);
    }
  });
});

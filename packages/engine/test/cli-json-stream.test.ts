import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BufferedWriter } from '../src/cli/buffered-writer.js';
import { writeJson } from '../src/cli/json-stream.js';
import { OutputClosedError } from '../src/cli/output-closed-error.js';

/** A stream that takes its time (one macrotask per chunk) and a tiny buffer: `write()` returns false often. */
class SlowSink extends Writable {
  readonly chunks: string[] = [];
  drains = 0;
  constructor() {
    super({ highWaterMark: 8, decodeStrings: false });
    this.on('drain', () => {
      this.drains += 1;
    });
  }
  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(String(chunk));
    setImmediate(callback);
  }
  text(): string {
    return this.chunks.join('');
  }
}

async function streamed(value: object, options: { chunkBytes?: number; batchWeight?: number } = {}) {
  const sink = new SlowSink();
  const out = new BufferedWriter(sink, options.chunkBytes ?? 16);
  await writeJson(out, value, options.batchWeight ?? 3);
  await out.end();
  return sink;
}

function statementsDoc(statements: number, linesEach: number) {
  return {
    statements: Array.from({ length: statements }, (_, s) => ({
      repId: `005${s}`,
      planId: 'ae-2026',
      period: '2026-Q1',
      currency: 'USD',
      quota: s % 2 === 0 ? '100000.00' : null,
      credited: '120000.00',
      attainment: null,
      total: '10200.00',
      lines: Array.from({ length: linesEach }, (_, l) => ({
        dealId: `006${l}`,
        componentId: 'base',
        kind: 'commission',
        tier: (l % 3) + 1,
        base: '12000.00',
        rate: '0.08',
        amount: '960.00',
        explain: `12,000.00 × 8% — tier ${(l % 3) + 1} "quoted" \\ é 😀`,
      })),
    })),
    warnings: [{ code: 'NO_PLAN', message: 'no plan', dealId: '006Y', repId: '005C' }],
  };
}

describe('writeJson', () => {
  it('writes the exact text of JSON.stringify for an output document, big and small statements mixed', async () => {
    const doc = statementsDoc(7, 11);
    doc.statements[2]?.lines.splice(0); // an empty array among full ones
    const sink = await streamed(doc);
    expect(sink.text()).toBe(JSON.stringify(doc));
    // It really went out in many pieces, and had to wait for the stream at least once.
    expect(sink.chunks.length).toBeGreaterThan(20);
    expect(sink.drains).toBeGreaterThan(0);
  });

  it('matches JSON.stringify with the default batching on a document with thousands of lines', async () => {
    const doc = statementsDoc(3, 5000);
    const sink = new SlowSink();
    const out = new BufferedWriter(sink);
    await writeJson(out, doc);
    await out.end();
    const text = sink.text();
    expect(text.length).toBe(JSON.stringify(doc).length);
    expect(text).toBe(JSON.stringify(doc));
    // 64 KiB chunks: no single write carries the whole document.
    expect(Math.max(...sink.chunks.map((chunk) => chunk.length))).toBeLessThan(text.length / 4);
  });

  it('leaves out what JSON.stringify leaves out, and writes null where it does', async () => {
    const doc = {
      a: undefined,
      b: [undefined, () => 1, Symbol('s'), Number.NaN, -0, 1e21, null],
      c: { d: undefined },
      e: new Date(Date.UTC(2026, 1, 15)),
      f: { toJSON: () => ({ replaced: true }) },
      g: Object.assign(Object.create(null), { x: 1 }),
      h: [[], {}, [[[]]]],
      'quote"key': '\u2028\u0000',
    };
    const sink = await streamed(doc, { batchWeight: 1 });
    expect(sink.text()).toBe(JSON.stringify(doc));
  });

  it('matches JSON.stringify on arbitrary JSON values, whatever the batch and chunk sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue())),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 200 }),
        async (value, batchWeight, chunkBytes) => {
          const sink = await streamed(value, { batchWeight, chunkBytes });
          expect(sink.text()).toBe(JSON.stringify(value));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('BufferedWriter', () => {
  it('writes the UTF-8 bytes of the pieces, multi-byte characters included, whatever the chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 200 }),
        async (pieces, chunkBytes) => {
          const received: Buffer[] = [];
          const sink = new Writable({
            highWaterMark: 8,
            write(chunk: Buffer | string, _encoding, callback) {
              // Every chunk is whole UTF-8 on its own: no character is cut between two chunks.
              const bytes = Buffer.from(chunk);
              expect(Buffer.from(bytes.toString('utf8'))).toEqual(bytes);
              received.push(bytes);
              setImmediate(callback);
            },
          });
          const out = new BufferedWriter(sink, chunkBytes);
          for (const piece of pieces) await out.write(piece);
          await out.end();
          expect(Buffer.concat(received)).toEqual(Buffer.from(pieces.join(''), 'utf8'));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('turns a reader that went away into OutputClosedError instead of an unhandled error event', async () => {
    const sink = new Writable({
      highWaterMark: 4,
      write(_chunk, _encoding, callback) {
        const error: NodeJS.ErrnoException = new Error('write EPIPE');
        error.code = 'EPIPE';
        callback(error);
      },
    });
    const out = new BufferedWriter(sink, 4);
    const writing = (async () => {
      for (let i = 0; i < 100; i++) await out.write('0123456789');
      await out.end();
    })();
    await expect(writing).rejects.toBeInstanceOf(OutputClosedError);
  });

  it('fails instead of waiting forever on a stream that was destroyed without draining', async () => {
    const sink = new SlowSink();
    sink.destroy();
    const out = new BufferedWriter(sink, 4);
    const writing = (async () => {
      await out.write('0123456789');
      await out.end();
    })();
    await expect(writing).rejects.toBeInstanceOf(OutputClosedError);
  });

  it('waits for the stream to take everything before end() resolves', async () => {
    const sink = new SlowSink();
    const out = new BufferedWriter(sink, 4);
    for (const piece of ['ab', 'cd', 'ef', 'gh', 'ij']) await out.write(piece);
    await out.end();
    expect(sink.text()).toBe('abcdefghij');
  });
});

import { OutputClosedError } from './output-closed-error.js';

const DEFAULT_CHUNK_BYTES = 1 << 16;
/** The most UTF-8 bytes one UTF-16 code unit can take (a surrogate pair takes 4 for 2 units). */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Gathers small pieces of text into chunks of about 64 KiB and hands them to a stream, waiting for
 * 'drain' whenever the stream says its buffer is full (`write()` returned false). That keeps memory
 * flat however much is printed, and keeps a slow reader (a pipe into `less`) from piling up output.
 *
 * Pieces are encoded straight into the chunk's Buffer as they come (`buffer.write`), instead of being
 * kept as strings, joined and encoded again: on the 400,000-deal benchmark the join and the second
 * copy cost about 0.5 s of its 134 MB output. A piece never straddles two chunks, so every chunk is
 * whole UTF-8; a piece that may not fit in an empty chunk goes out on its own, as a string.
 */
export class BufferedWriter {
  private chunk: Buffer | undefined;
  private used = 0;
  private failure: Error | undefined;
  private lastWrite: Promise<void> = Promise.resolve();
  private readonly recordFailure = (error: Error): void => {
    this.failure ??= asOutputError(error);
  };

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly chunkBytes = DEFAULT_CHUNK_BYTES,
  ) {
    // Without a listener, an EPIPE on stdout would crash the process with a stack trace.
    stream.on('error', this.recordFailure);
  }

  /** Queues `text`; only waits when a chunk went out and the stream asked for a pause. */
  async write(text: string): Promise<void> {
    const room = this.chunkBytes - this.used;
    if (text.length * MAX_BYTES_PER_UNIT <= room) {
      this.chunk ??= Buffer.allocUnsafe(this.chunkBytes);
      this.used += this.chunk.write(text, this.used);
      return;
    }
    if (this.used > 0) await this.flushChunk();
    if (text.length * MAX_BYTES_PER_UNIT <= this.chunkBytes) {
      this.chunk ??= Buffer.allocUnsafe(this.chunkBytes);
      this.used = this.chunk.write(text, 0);
      return;
    }
    await this.pauseUnless(this.send(text));
  }

  /** Sends what is left and waits until the stream has taken all of it (or failed). */
  async end(): Promise<void> {
    if (this.used > 0) this.send(this.take());
    await this.lastWrite;
    if (this.failure) throw this.failure;
    // Every write has completed, so no error can come from them any more: stop listening (several
    // writers may take turns on one stream, and each listener would otherwise stay for good).
    this.stream.removeListener('error', this.recordFailure);
  }

  /** The filled part of the chunk; the next piece starts a new Buffer, since the stream may still hold this one. */
  private take(): Buffer {
    const filled = this.chunk!.subarray(0, this.used);
    this.chunk = undefined;
    this.used = 0;
    return filled;
  }

  private async flushChunk(): Promise<void> {
    if (this.failure) throw this.failure;
    await this.pauseUnless(this.send(this.take()));
  }

  private async pauseUnless(accepted: boolean): Promise<void> {
    if (this.failure) throw this.failure;
    if (!accepted) await this.waitForDrain(this.lastWrite);
  }

  /** Hands a chunk to the stream; write callbacks run in order, so the last one settles after all before it. */
  private send(chunk: Buffer | string): boolean {
    const { callback, settled } = settleOnCallback();
    this.lastWrite = settled;
    return this.stream.write(chunk, callback);
  }

  /**
   * Waits for 'drain', or for the callback of the chunk just sent (once it ran, everything before it
   * is flushed too): a stream that closes without draining cannot leave us waiting forever.
   */
  private waitForDrain(lastWrite: Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      const settle = (error?: Error) => {
        this.stream.removeListener('drain', onDrain);
        this.stream.removeListener('error', onError);
        this.stream.removeListener('close', onClose);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => settle();
      const onError = (error: Error) => settle(asOutputError(error));
      const onClose = () => settle(this.failure ?? new OutputClosedError());
      this.stream.once('drain', onDrain);
      this.stream.once('error', onError);
      this.stream.once('close', onClose);
      lastWrite.then(
        () => settle(),
        (error: Error) => settle(error),
      );
    });
  }
}

/**
 * A write callback and the promise it settles, built apart from the chunk on purpose: a callback is
 * kept until the stream calls it, and for a synchronous stream (stdout to a file) Node defers that
 * call to process.nextTick, which does not run while this writer's chain of awaits is busy. A closure
 * that could see the chunk would keep every chunk of the output alive until the end (measured: +260 MB
 * heap on the 400,000-deal benchmark).
 */
function settleOnCallback(): { callback: (error?: Error | null) => void; settled: Promise<void> } {
  let callback: (error?: Error | null) => void = () => {};
  const settled = new Promise<void>((resolve, reject) => {
    callback = (error) => (error ? reject(asOutputError(error)) : resolve());
  });
  // A failed write also emits 'error', which the constructor's listener records; this only avoids an
  // unhandled rejection for writes nobody awaits (only the last one is).
  settled.catch(() => {});
  return { callback, settled };
}

/** A reader that went away is not our bug: callers tell it apart from an internal error. */
function asOutputError(error: Error): Error {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END'
    ? new OutputClosedError(error)
    : error;
}

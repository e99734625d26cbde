import { OutputClosedError } from './output-closed-error.js';

const DEFAULT_CHUNK_CHARS = 1 << 16;

/**
 * Gathers small pieces of text into chunks of about 64 KiB and hands them to a stream, waiting for
 * 'drain' whenever the stream says its buffer is full (`write()` returned false). That keeps memory
 * flat however much is printed, and keeps a slow reader (a pipe into `less`) from piling up output.
 */
export class BufferedWriter {
  private pieces: string[] = [];
  private size = 0;
  private failure: Error | undefined;
  private lastWrite: Promise<void> = Promise.resolve();
  private readonly recordFailure = (error: Error): void => {
    this.failure ??= asOutputError(error);
  };

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly chunkChars = DEFAULT_CHUNK_CHARS,
  ) {
    // Without a listener, an EPIPE on stdout would crash the process with a stack trace.
    stream.on('error', this.recordFailure);
  }

  /** Queues `text`; only waits when a full chunk went out and the stream asked for a pause. */
  async write(text: string): Promise<void> {
    this.pieces.push(text);
    this.size += text.length;
    if (this.size >= this.chunkChars) await this.flushChunk();
  }

  /** Sends what is left and waits until the stream has taken all of it (or failed). */
  async end(): Promise<void> {
    if (this.size > 0) this.send(this.take());
    await this.lastWrite;
    if (this.failure) throw this.failure;
    // Every write has completed, so no error can come from them any more: stop listening (several
    // writers may take turns on one stream, and each listener would otherwise stay for good).
    this.stream.removeListener('error', this.recordFailure);
  }

  private take(): string {
    const chunk = this.pieces.length === 1 ? (this.pieces[0] ?? '') : this.pieces.join('');
    this.pieces = [];
    this.size = 0;
    return chunk;
  }

  private async flushChunk(): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.send(this.take())) await this.waitForDrain(this.lastWrite);
  }

  /** Hands a chunk to the stream; write callbacks run in order, so the last one settles after all before it. */
  private send(chunk: string): boolean {
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

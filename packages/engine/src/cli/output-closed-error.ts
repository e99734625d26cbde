/** Raised by the output writer when the reader of stdout went away (`attain compute … | head`). */
export class OutputClosedError extends Error {
  readonly code = 'output_closed';
  constructor(cause?: unknown) {
    super('output closed by the reader', cause === undefined ? undefined : { cause });
    this.name = 'OutputClosedError';
  }
}

/**
 * The `attain sync --wait` display: a bar redrawn in place on a terminal, a line per tenth of the
 * way otherwise (logs and CI want lines, not carriage returns).
 */
export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

const WIDTH = 30;

export function progressBar(done: number, total: number | null, unit = 'records'): string {
  if (total === null || total <= 0) return `[${'·'.repeat(WIDTH)}] ${done} ${unit}`;
  const filled = Math.min(WIDTH, Math.floor((done / total) * WIDTH));
  return `[${'#'.repeat(filled)}${'·'.repeat(WIDTH - filled)}] ${done}/${total} ${unit}`;
}

export class ProgressDisplay {
  private lastLine = '';
  /** Non-TTY: phase, tenth of the way and note of the last printed line. */
  private lastKey = '';
  constructor(private readonly sink: ProgressSink) {}

  /** Shows the current phase (`syncing`, `computing`, `writing back`) and how far it is. */
  update(phase: string, done: number, total: number | null, unit = 'records', note = ''): void {
    const line = `${phase.padEnd(12)} ${progressBar(done, total, unit)}${note ? `  ${note}` : ''}`;
    if (line === this.lastLine) return;
    this.lastLine = line;
    if (this.sink.isTTY) {
      this.sink.write(`\r\x1b[2K${line}`);
      return;
    }
    const key = `${phase}|${total ? Math.floor((done / total) * 10) : ''}|${note}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.sink.write(`${line}\n`);
  }

  /** Ends the in-place line so that what follows starts on its own line. */
  finish(): void {
    if (this.sink.isTTY && this.lastLine !== '') this.sink.write('\n');
    this.lastLine = '';
    this.lastKey = '';
  }
}

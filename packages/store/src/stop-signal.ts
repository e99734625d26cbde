/**
 * How both programs (`attain worker`, `attain api`) learn to stop: the first SIGTERM or SIGINT.
 * The handlers are removed once it comes, so a second Ctrl-C reaches Node's default (exit at once).
 */
export function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const handler = (signal: string) => {
      process.off('SIGTERM', handler);
      process.off('SIGINT', handler);
      resolve(signal);
    };
    process.on('SIGTERM', handler);
    process.on('SIGINT', handler);
  });
}

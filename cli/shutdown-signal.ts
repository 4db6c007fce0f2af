/**
 * Listens for SIGINT/SIGTERM from the very start of a command, so a signal that arrives while it is
 * still starting up is not lost (the default action would kill the process without cleaning up).
 */
export function shutdownSignal(): { received: Promise<NodeJS.Signals>; onRepeat(handler: () => void): void } {
  let count = 0;
  let resolve!: (signal: NodeJS.Signals) => void;
  let repeat = () => {};
  const received = new Promise<NodeJS.Signals>((r) => {
    resolve = r;
  });
  const handler = (signal: NodeJS.Signals) => {
    count += 1;
    if (count === 1) resolve(signal);
    else repeat();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    received,
    onRepeat(h) {
      repeat = h;
    },
  };
}

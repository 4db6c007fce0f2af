import { describeConnectionError, isConnectionError } from '../../db/connection-errors';
import type { Logger } from '../logger';

export interface DatabaseWait {
  logger: Logger;
  /** Stop waiting (and rethrow the connection error) when this fires, e.g. on worker shutdown. */
  signal?: AbortSignal;
  /** Log fields saying what is waiting (ids only). */
  what: Record<string, unknown>;
}

const MIN_DELAY_MS = 100;
const MAX_DELAY_MS = 2_000;

/**
 * Runs `work`, and again while it fails because the database is unreachable (a restart, a failover,
 * a killed connection), until it answers. `work` must be safe to repeat: every write it makes is a
 * compare-and-set or guarded by the attempt it closes, so a try whose commit went through but whose
 * answer was lost changes nothing the second time. Any other error is thrown at once.
 */
export async function untilDatabaseAnswers<T>(work: () => Promise<T>, wait: DatabaseWait): Promise<T> {
  let delay = MIN_DELAY_MS;
  let since: number | undefined;
  for (;;) {
    try {
      const result = await work();
      if (since !== undefined) {
        wait.logger.info(
          { ...wait.what, waitedMs: Date.now() - since },
          'database answered again; step goes on',
        );
      }
      return result;
    } catch (error) {
      if (!isConnectionError(error) || wait.signal?.aborted) throw error;
      if (since === undefined) {
        since = Date.now();
        wait.logger.warn(
          { ...wait.what, ...describeConnectionError(error) },
          'database unavailable; waiting for it',
        );
      }
      await pause(delay, wait.signal);
      if (wait.signal?.aborted) throw error;
      delay = Math.min(MAX_DELAY_MS, delay * 2);
    }
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

import type { Logger } from '../core/logger';
import { describeConnectionError, isConnectionError } from '../db/connection-errors';

type DatabaseErrorListener = (error: unknown) => void;

const listeners = new Set<DatabaseErrorListener>();
let installed: (() => void) | undefined;

/**
 * Keeps a worker process alive through database outages. graphile-worker 0.17 completes and fails
 * jobs without awaiting the promise (and retries only a few error codes), so a connection that drops
 * at that moment surfaces as an unhandled rejection, which Node turns into a crash. Such errors
 * (connection errors only) are logged and handed to the workers of this process, which release the
 * jobs whose completion was lost once the database is back. Anything else still ends the process,
 * as Node would: an unknown error is a bug, not an outage.
 *
 * Call once per process (the CLI's `worker` and `start`); returns a function that uninstalls it.
 */
export function guardProcessAgainstDatabaseErrors(logger: Logger): () => void {
  if (installed) return installed;
  const onRejection = (reason: unknown) => {
    if (isConnectionError(reason)) return report(reason, 'unhandled rejection');
    logger.error({ err: describeConnectionError(reason).reason }, 'unhandled rejection; exiting');
    process.exit(1);
  };
  const onException = (error: Error) => {
    if (isConnectionError(error)) return report(error, 'uncaught exception');
    logger.error(
      { err: error.message, stack: error.stack?.split('\n').slice(0, 8) },
      'uncaught exception; exiting',
    );
    process.exit(1);
  };
  const report = (error: unknown, how: string) => {
    logger.warn({ how, ...describeConnectionError(error) }, 'database error outside a request; carrying on');
    for (const listener of listeners) listener(error);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  installed = () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
    installed = undefined;
  };
  return installed;
}

/** Hears the connection errors the guard caught (a worker: its job locks may be stale now). */
export function onStrayDatabaseError(listener: DatabaseErrorListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

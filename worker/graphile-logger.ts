import { Logger as GraphileLogger } from 'graphile-worker';
import type { Logger } from '../core/logger';
import { isConnectionError } from '../db/connection-errors';

/**
 * Routes graphile-worker's own log lines into our logger (its `info` chatter becomes `debug`; its
 * errors about a lost connection, which it retries by itself, become warnings).
 */
export function graphileLogger(logger: Logger): GraphileLogger {
  return new GraphileLogger((scope) => (level, message, meta) => {
    const fields = {
      ...scope,
      ...(meta && typeof meta === 'object' ? { meta } : {}),
      source: 'graphile-worker',
    };
    switch (level) {
      case 'error': {
        const cause = (meta as { error?: unknown; fatalError?: unknown } | undefined) ?? {};
        if (isConnectionError(cause.error) || isConnectionError(cause.fatalError))
          return logger.warn(fields, message);
        return logger.error(fields, message);
      }
      case 'warning':
        return logger.warn(fields, message);
      default:
        return logger.debug(fields, message);
    }
  });
}

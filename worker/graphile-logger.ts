import { Logger as GraphileLogger } from 'graphile-worker';
import type { Logger } from '../core/logger';

/** Routes graphile-worker's own log lines into our logger (its `info` chatter becomes `debug`). */
export function graphileLogger(logger: Logger): GraphileLogger {
  return new GraphileLogger((scope) => (level, message, meta) => {
    const fields = {
      ...scope,
      ...(meta && typeof meta === 'object' ? { meta } : {}),
      source: 'graphile-worker',
    };
    switch (level) {
      case 'error':
        return logger.error(fields, message);
      case 'warning':
        return logger.warn(fields, message);
      default:
        return logger.debug(fields, message);
    }
  });
}

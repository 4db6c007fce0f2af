import pg from 'pg';
import type { Logger } from '../core/logger';
import { describeConnectionError } from '../db/connection-errors';
import type { DatabaseAvailability } from './database-availability';

/**
 * graphile-worker's connection pool (node-postgres), owned by the worker rather than by
 * graphile-worker: its error handlers stay installed until the pool has really ended (graphile-worker
 * removes its own before the pool's clients are gone, so a connection dropped during shutdown would
 * crash the process), its errors reach the structured log and the worker's view of the database,
 * and it survives a job runner being replaced.
 */
export function createQueuePool(
  url: string,
  options: { max: number; logger: Logger; availability: DatabaseAvailability },
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max,
    application_name: 'signalbox-queue',
    connectionTimeoutMillis: 10_000,
  });
  const onError = (error: Error) => {
    options.logger.debug({ ...describeConnectionError(error) }, 'queue connection error');
    options.availability.down('queue', error);
  };
  // An idle client's error (the server went away) is emitted on the pool; a checked-out client's on itself.
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}

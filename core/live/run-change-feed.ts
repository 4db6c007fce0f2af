import { EventEmitter } from 'node:events';
import type { Engine } from '../engine';
import { type RunChangedNotice, watchRunChanges } from './watch-run-changes';

export type RunFeedEvent =
  | { type: 'run'; notice: RunChangedNotice }
  /** The LISTEN connection came back after a drop: notices may have been missed. */
  | { type: 'resync' }
  /** The database went away or came back (the LISTEN connection dropped or re-subscribed). */
  | { type: 'database'; available: boolean };

export interface RunChangeFeed {
  /**
   * Adds a listener. The first one starts the feed's LISTEN connection. Resolves with whether the
   * database is reachable now (the listener hears `database` when that changes).
   */
  subscribe(
    listener: (event: RunFeedEvent) => void,
  ): Promise<{ unsubscribe: () => void; available: boolean }>;
  /** Listeners right now (the console: open browser streams). */
  subscribers(): number;
  /** Whether the database was reachable the last time the feed could tell (true before it could). */
  available(): boolean;
  close(): Promise<void>;
}

const errorCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * One LISTEN connection fanned out to any number of listeners (the console's browser streams). The
 * connection re-subscribes by itself after database outages: meanwhile listeners hear
 * `database: unavailable`, then `database: available` and `resync` (notices sent while it was down
 * are lost, so whatever they show must be read again).
 */
export function createRunChangeFeed(engine: Engine): RunChangeFeed {
  const emitter = new EventEmitter().setMaxListeners(0);
  const emit = (event: RunFeedEvent) => emitter.emit('event', event);
  let available: boolean | undefined;
  let started: Promise<() => Promise<void>> | undefined;
  let listenedBefore = false;
  let lostAt = 0;

  const start = () =>
    watchRunChanges(engine, (notice) => emit({ type: 'run', notice }), {
      onListen() {
        if (available === false) {
          engine.logger.info({ downMs: Date.now() - lostAt }, 'database available again; run changes resume');
        }
        const resync = listenedBefore || available === false;
        listenedBefore = true;
        available = true;
        emit({ type: 'database', available: true });
        if (resync) emit({ type: 'resync' });
      },
      onLost(error) {
        if (available === false) return;
        lostAt = Date.now();
        available = false;
        engine.logger.warn(
          { code: errorCode(error) },
          'database unavailable: run change feed lost; retrying',
        );
        emit({ type: 'database', available: false });
      },
    });

  return {
    async subscribe(listener) {
      started ??= start().catch((error: unknown) => {
        started = undefined;
        throw error;
      });
      await started;
      emitter.on('event', listener);
      return {
        available: available !== false,
        unsubscribe: () => {
          emitter.off('event', listener);
        },
      };
    },
    subscribers: () => emitter.listenerCount('event'),
    available: () => available !== false,
    async close() {
      emitter.removeAllListeners();
      const stop = await started?.catch(() => undefined);
      started = undefined;
      await stop?.();
    },
  };
}

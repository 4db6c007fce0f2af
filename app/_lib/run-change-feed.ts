import 'server-only';
import { EventEmitter } from 'node:events';
import { type RunChangedNotice, watchRunChanges } from '../../core/live/watch-run-changes';
import { getEngine } from './engine';

export type RunFeedEvent =
  | { type: 'run'; notice: RunChangedNotice }
  /** The LISTEN connection came back after a drop: notices may have been missed. */
  | { type: 'resync' };

interface Feed {
  emitter: EventEmitter;
  started: Promise<void> | undefined;
}

const FEED = Symbol.for('signalbox.runChangeFeed');

/** The process's feed, kept on globalThis so that dev reloads do not open a second LISTEN. */
function feed(): Feed {
  const holder = globalThis as unknown as Record<symbol, Feed | undefined>;
  holder[FEED] ??= { emitter: new EventEmitter().setMaxListeners(0), started: undefined };
  return holder[FEED];
}

async function start(target: Feed): Promise<void> {
  let listenedBefore = false;
  await watchRunChanges(
    getEngine(),
    (notice) => target.emitter.emit('event', { type: 'run', notice } satisfies RunFeedEvent),
    () => {
      if (listenedBefore) {
        getEngine().logger.info({}, 'run change feed reconnected');
        target.emitter.emit('event', { type: 'resync' } satisfies RunFeedEvent);
      }
      listenedBefore = true;
    },
  );
}

/**
 * Subscribes to run changes. The first subscriber starts the process's single LISTEN connection on
 * `signalbox_runs`; every browser's stream is a listener on it (not a connection per browser).
 * Rejects when the database cannot be reached; the next subscriber tries again.
 */
export async function subscribeRunChanges(listener: (event: RunFeedEvent) => void): Promise<() => void> {
  const target = feed();
  target.started ??= start(target).catch((error: unknown) => {
    target.started = undefined;
    throw error;
  });
  await target.started;
  target.emitter.on('event', listener);
  return () => {
    target.emitter.off('event', listener);
  };
}

/** Browsers listening right now (open `/api/stream` responses of this process). */
export function runFeedSubscriberCount(): number {
  return feed().emitter.listenerCount('event');
}

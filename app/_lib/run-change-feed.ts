import 'server-only';
import { createRunChangeFeed, type RunChangeFeed, type RunFeedEvent } from '../../core/live/run-change-feed';
import { getEngine } from './engine';

export type { RunFeedEvent };

const FEED = Symbol.for('signalbox.runChangeFeed');

/**
 * Subscribes to run changes through the process's one feed (kept on globalThis, so that dev reloads
 * and route bundles do not each open a LISTEN connection): every browser's stream is a listener on
 * it, not a connection per browser. It survives database outages (see `createRunChangeFeed`).
 */
export function subscribeRunChanges(
  listener: (event: RunFeedEvent) => void,
): Promise<{ unsubscribe: () => void; available: boolean }> {
  return feed().subscribe(listener);
}

function feed(): RunChangeFeed {
  const holder = globalThis as unknown as Record<symbol, RunChangeFeed | undefined>;
  holder[FEED] ??= createRunChangeFeed(getEngine());
  return holder[FEED];
}

/** Browsers listening right now (open `/api/stream` responses of this process). */
export function runFeedSubscriberCount(): number {
  const holder = globalThis as unknown as Record<symbol, RunChangeFeed | undefined>;
  return holder[FEED]?.subscribers() ?? 0;
}

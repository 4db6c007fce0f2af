import { useSyncExternalStore } from 'react';

const TICK_MS = 10_000;
let now = 0;
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/**
 * The current time, refreshed every 10 s by one shared timer, so relative times stay true on a page
 * left open all night. (0 before the first tick: callers then read the clock themselves.)
 */
export function useNow(): number {
  const ticked = useSyncExternalStore(
    subscribe,
    () => now,
    () => 0,
  );
  return ticked || Date.now();
}

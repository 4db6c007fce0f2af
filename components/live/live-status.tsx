'use client';

import { POLL_FALLBACK_MS, useLiveState } from './live-updates';

const TEXT = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: `Reconnecting · polling every ${POLL_FALLBACK_MS / 1000} s`,
} as const;

/** Whether the page updates by itself: live stream, or polling while it reconnects. */
export function LiveStatus() {
  const state = useLiveState();
  return (
    <p className="live" data-state={state} role="status" title="Live updates from the database">
      <span className="live-dot" aria-hidden="true" />
      <span>{TEXT[state]}</span>
    </p>
  );
}

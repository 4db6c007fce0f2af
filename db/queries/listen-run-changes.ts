import type { Listener, ListenHooks } from '../listener';
import { RUN_CHANGES_CHANNEL, type RunChangedNotice } from './notify-run-changed';

/**
 * LISTENs to run changes on the database's dedicated listen connection, which re-subscribes after
 * outages. `hooks.onListen` runs after every (re)subscription: notices sent while the connection was
 * down are lost, so callers resynchronise then; `hooks.onLost` when the subscription is lost.
 */
export function listenRunChanges(
  listen: Listener['listen'],
  onNotice: (notice: RunChangedNotice) => void,
  hooks: ListenHooks = {},
): Promise<() => Promise<void>> {
  return listen(
    RUN_CHANGES_CHANNEL,
    (raw) => {
      let notice: RunChangedNotice;
      try {
        notice = JSON.parse(raw) as RunChangedNotice;
      } catch {
        return;
      }
      onNotice(notice);
    },
    hooks,
  );
}

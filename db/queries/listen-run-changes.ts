import type { Listener, ListenHooks } from '../listener';
import {
  RUN_CHANGES_CHANNEL,
  type RunChangedNotice,
  STEP_OFFERS_CHANNEL,
  type StepOffer,
} from './notify-run-changed';

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
  return listenJson(listen, RUN_CHANGES_CHANNEL, onNotice, hooks);
}

/** LISTENs to the new runs' first steps offered to idle workers (see `writeNewRuns`). */
export function listenStepOffers(
  listen: Listener['listen'],
  onOffer: (offer: StepOffer) => void,
): Promise<() => Promise<void>> {
  return listenJson(listen, STEP_OFFERS_CHANNEL, onOffer);
}

/** A channel whose payloads are JSON; malformed ones are dropped. */
function listenJson<T>(
  listen: Listener['listen'],
  channel: string,
  onMessage: (message: T) => void,
  hooks: ListenHooks = {},
): Promise<() => Promise<void>> {
  return listen(
    channel,
    (raw) => {
      let message: T;
      try {
        message = JSON.parse(raw) as T;
      } catch {
        return;
      }
      onMessage(message);
    },
    hooks,
  );
}

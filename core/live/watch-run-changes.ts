import type { ListenHooks } from '../../db/listener';
import { listenRunChanges } from '../../db/queries/listen-run-changes';
import type { RunChangedNotice } from '../../db/queries/notify-run-changed';
import type { Engine } from '../engine';

export type { ListenHooks, RunChangedNotice };

/**
 * Calls `onNotice` for every committed change of a run (transitions, attempts starting and ending),
 * on the engine's dedicated LISTEN connection; malformed notices are dropped. The subscription
 * survives database restarts and dropped connections: `hooks.onListen` runs after every
 * (re)subscription (notices sent while it was down are lost, so callers resynchronise then) and
 * `hooks.onLost` when it drops. Resolves to a function that stops listening.
 */
export function watchRunChanges(
  engine: Engine,
  onNotice: (notice: RunChangedNotice) => void,
  hooks: ListenHooks = {},
): Promise<() => Promise<void>> {
  return listenRunChanges(engine.listen, onNotice, hooks);
}

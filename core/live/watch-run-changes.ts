import { listenRunChanges } from '../../db/queries/listen-run-changes';
import type { RunChangedNotice } from '../../db/queries/notify-run-changed';
import type { Engine } from '../engine';

export type { RunChangedNotice };

/**
 * Calls `onNotice` for every committed change of a run (transitions, attempts starting and ending),
 * on the engine pool's dedicated LISTEN connection; malformed notices are dropped. `onListen` runs
 * after every (re)connection: notices sent while it was down are lost, so callers resynchronise then.
 * Resolves to a function that stops listening.
 */
export function watchRunChanges(
  engine: Engine,
  onNotice: (notice: RunChangedNotice) => void,
  onListen: () => void = () => {},
): Promise<() => Promise<void>> {
  return listenRunChanges(engine.sql, onNotice, onListen);
}

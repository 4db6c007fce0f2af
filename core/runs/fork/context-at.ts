import type { RunRecord } from '../../../db/queries/run-record';
import { selectContextPoints, selectLastVersionIn } from '../../../db/queries/select-context-points';
import type { StoredStateValue } from '../../../db/schema';
import type { Engine } from '../../engine';
import { AppError } from '../../errors';
import { applyJsonPatch, type JsonPatchOp } from '../../json/json-patch';

/** Where in a run to start again: a transition (run version) or a state. */
export type ForkAt = { version: number } | { state: string };

/** A point of a run: the version (transition), the state it was in and the context it had there. */
export interface ForkPoint {
  version: number;
  state: string;
  stateValue: StoredStateValue;
  context: unknown;
  /** false when the state was never entered by the run: the context is the run's latest one. */
  visited: boolean;
}

const badPoint = (message: string) =>
  new AppError('VALIDATION_FAILED', message, { fields: [{ path: 'at', message }] });

/** `checks.scanning` → `{ checks: 'scanning' }`. */
export function stateValueOf(path: string): StoredStateValue {
  const keys = path.split('.');
  let value: StoredStateValue = keys.pop()!;
  while (keys.length) value = { [keys.pop()!]: value };
  return value;
}

/**
 * The context a run had at a point, rebuilt from its transitions (the nearest full context and the
 * patches after it). A state names the latest time the run entered it; a state the run never was in
 * (any state of the definition) gets the run's latest context.
 */
export async function contextAt(engine: Engine, run: RunRecord, at: ForkAt): Promise<ForkPoint> {
  if ('state' in at) {
    const version = await selectLastVersionIn(engine.db, run.id, at.state);
    if (version === undefined) {
      const latest = await rebuild(engine, run, run.version).catch(() => undefined);
      return {
        version: latest?.version ?? run.version,
        state: at.state,
        stateValue: stateValueOf(at.state),
        context: latest?.context ?? run.snapshot.context,
        visited: false,
      };
    }
    const point = await rebuild(engine, run, version);
    return { ...point, state: at.state, visited: true };
  }
  if (!Number.isInteger(at.version) || at.version < 1 || at.version > run.version) {
    throw badPoint(`version ${at.version} is not a version of run ${run.id} (1 to ${run.version})`);
  }
  return { ...(await rebuild(engine, run, at.version)), visited: true };
}

async function rebuild(engine: Engine, run: RunRecord, version: number) {
  const rows = await selectContextPoints(engine.db, run.id, version);
  const last = rows.at(-1);
  const first = rows[0];
  if (!last || last.version !== version) {
    throw badPoint(`run ${run.id} has no transition at version ${version} (pick one from its timeline)`);
  }
  if (!first || first.context === null || last.stateValue === null) {
    throw badPoint(
      `run ${run.id} kept no context at version ${version} (its transitions predate the context history)`,
    );
  }
  let context: unknown = first.context;
  for (const row of rows.slice(1)) {
    if (row.context !== null) context = row.context;
    else if (Array.isArray(row.contextPatch))
      context = applyJsonPatch(context, row.contextPatch as JsonPatchOp[]);
  }
  return { version, state: last.toState, stateValue: last.stateValue, context };
}

import {
  type AnyActorScope,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  createActor,
  getNextTransitions,
  initialTransition,
  type StateValue,
} from 'xstate';
import type { StoredSnapshot } from '../../db/schema';
import type { Pipeline } from '../definition/define-pipeline';
import { AppError } from '../errors';

export type { StoredSnapshot };

/** Leaf state paths of a state value: `{ checks: 'scanning' }` → `['checks.scanning']`. */
export function leafPaths(value: StateValue): string[] {
  if (typeof value === 'string') return [value];
  return Object.entries(value).flatMap(([key, child]) =>
    child === undefined || (typeof child === 'object' && Object.keys(child).length === 0)
      ? [key]
      : leafPaths(child as StateValue).map((path) => `${key}.${path}`),
  );
}

/** The `runs.state` column: leaf paths joined by ','. */
export const stateLabel = (value: StateValue): string => leafPaths(value).join(',');

/** What a run stores of a snapshot (machines hold no actors, so value and context are all there is). */
export function persist(snapshot: AnyMachineSnapshot): StoredSnapshot {
  return { value: snapshot.value, context: snapshot.context, status: snapshot.status };
}

interface NodeLike {
  states: Record<string, NodeLike>;
  type: string;
}

/** Throws unless every key of `value` names a state of the machine, at the right depth. */
function assertFits(node: NodeLike, value: StateValue, path: string[]): void {
  const entries: [string, StateValue | undefined][] =
    typeof value === 'string' ? [[value, undefined]] : Object.entries(value);
  for (const [key, child] of entries) {
    const next = node.states[key];
    if (!next) {
      const where = path.length ? `'${path.join('.')}'` : 'the machine root';
      throw new Error(`state '${[...path, key].join('.')}' does not exist under ${where}`);
    }
    if (child !== undefined && !(typeof child === 'object' && Object.keys(child).length === 0)) {
      assertFits(next, child, [...path, key]);
    }
  }
}

/**
 * Rebuilds a machine snapshot from its stored form. A snapshot that no longer fits the definition
 * (renamed or removed states) fails here with `SNAPSHOT_INCOMPATIBLE`, not deep inside xstate.
 */
export function restore(pipeline: Pipeline, stored: StoredSnapshot, runId: string): AnyMachineSnapshot {
  try {
    assertFits(pipeline.machine.root as unknown as NodeLike, stored.value, []);
    return pipeline.machine.resolveState({ value: stored.value, context: stored.context });
  } catch (error) {
    throw new AppError(
      'SNAPSHOT_INCOMPATIBLE',
      `run ${runId}: its stored snapshot does not fit pipeline '${pipeline.id}' v${pipeline.version}: ${(error as Error).message}`,
      { runId, pipelineId: pipeline.id, version: pipeline.version, state: stateLabel(stored.value) },
    );
  }
}

/** The first snapshot of a run, from its validated input. */
export function start(pipeline: Pipeline, input: unknown): AnyMachineSnapshot {
  const [snapshot] = initialTransition(pipeline.machine, input);
  return snapshot as AnyMachineSnapshot;
}

/**
 * One inert actor scope per machine, for every transition of its runs. xstate's own `transition()`
 * builds a new one per call, and building one computes the machine's initial snapshot: for a
 * parallel state of 50 regions that was most of each transition's time. Sharing it is safe here: the
 * engine runs no actions and machines hold no actors (`checkMachine` refuses invoked ones), so nothing
 * registers in its system.
 */
const scopes = new WeakMap<AnyStateMachine, AnyActorScope>();

function inertScope(machine: AnyStateMachine): AnyActorScope {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine);
    scope = {
      self,
      id: '',
      sessionId: '',
      system: self.system,
      logger: () => {},
      defer: () => {},
      emit: () => {},
      stopChild: () => {},
      actionExecutor: () => {},
    } as AnyActorScope;
    scopes.set(machine, scope);
  }
  return scope;
}

export function step(pipeline: Pipeline, snapshot: AnyMachineSnapshot, event: { type: string }) {
  return pipeline.machine.transition(snapshot, event, inertScope(pipeline.machine)) as AnyMachineSnapshot;
}

/** Step states active in a snapshot: state path → step name. */
export function activeStepStates(
  machine: AnyStateMachine,
  snapshot: AnyMachineSnapshot,
): Map<string, string> {
  const active = new Map<string, string>();
  if (snapshot.status !== 'active') return active;
  const meta = snapshot.getMeta() as Record<string, { step?: unknown } | undefined>;
  for (const [id, value] of Object.entries(meta)) {
    if (typeof value?.step !== 'string') continue;
    const node = machine.getStateNodeById(id);
    active.set(node.path.join('.'), value.step);
  }
  return active;
}

const INTERNAL_EVENT = /^(step\.|xstate\.|signalbox\.)/;

/** Operator events the current state accepts (step outcomes and xstate internals excluded). */
export function allowedEvents(snapshot: AnyMachineSnapshot): string[] {
  if (snapshot.status !== 'active') return [];
  const types = new Set<string>();
  for (const t of getNextTransitions(snapshot)) {
    const type = t.eventType;
    if (!type || type === '*' || INTERNAL_EVENT.test(type)) continue;
    if (snapshot.can({ type })) types.add(type);
  }
  return [...types];
}

export const isReservedEvent = (type: string): boolean => INTERNAL_EVENT.test(type);

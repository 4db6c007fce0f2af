import type { ForkPoint as ForkPointView } from '../../../contracts/fork-requests';
import { type Actor, authorize } from '../../auth/actor';
import type { Engine } from '../../engine';
import { AppError } from '../../errors';
import { loadRun } from '../find-run';
import { contextAt, type ForkAt } from './context-at';
import { definitionStates } from './fork-run';

/**
 * What the fork dialog shows before anything runs: the context the run had at a point (a transition
 * or a state; by default the latest), and the states a fork may start in, on the run's pipeline
 * version and on the current one. The context is payload: it needs `payload:read`.
 */
export async function getForkPoint(
  engine: Engine,
  runId: string,
  at: Partial<{ version: number; state: string }>,
  reader: Actor,
): Promise<ForkPointView> {
  authorize(reader, 'payload:read');
  const run = await loadRun(engine, runId);
  if (at.version !== undefined && at.state !== undefined) {
    throw new AppError('VALIDATION_FAILED', 'give a version or a state, not both', {
      fields: [{ path: 'state', message: 'give a version or a state, not both' }],
    });
  }
  const point: ForkAt = at.state !== undefined ? { state: at.state } : { version: at.version ?? run.version };
  const found = await contextAt(engine, run, point);
  const original = engine.registry.has(run.pipelineId)
    ? safeGet(engine, run.pipelineId, run.pipelineVersion)
    : undefined;
  const current = engine.registry.has(run.pipelineId) ? engine.registry.latest(run.pipelineId) : undefined;
  return {
    version: found.version,
    state: found.state,
    context: found.context ?? null,
    visited: found.visited,
    states: original ? definitionStates(original.machine) : [],
    currentPipelineVersion: current?.version ?? run.pipelineVersion,
    statesInCurrent: current ? definitionStates(current.machine) : [],
    contextSchema: Boolean((original ?? current)?.context),
  };
}

function safeGet(engine: Engine, id: string, version: number) {
  try {
    return engine.registry.get(id, version);
  } catch {
    return undefined;
  }
}

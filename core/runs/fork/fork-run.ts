import { randomUUID } from 'node:crypto';
import type { AnyStateMachine } from 'xstate';
import { type ForkRunRequest, ForkRunRequestSchema } from '../../../contracts/fork-requests';
import type { RunRecord } from '../../../db/queries/run-record';
import { auditRefusal } from '../../audit/record-audit';
import { type Actor, authorize } from '../../auth/actor';
import type { Pipeline } from '../../definition/define-pipeline';
import type { Engine } from '../../engine';
import { AppError, fieldErrors } from '../../errors';
import { diffJson } from '../../json/json-patch';
import { restore, stateLabel } from '../../machine/machine-snapshot';
import { findRun, runNotFound } from '../find-run';
import { commitRunChange } from '../transition/commit-run-change';
import { planSteps } from '../transition/plan-steps';
import type { RunChange } from '../transition/run-change';
import { NO_FAILURE, snapshotUpdate } from '../transition/snapshot-update';
import { contextAt, type ForkPoint } from './context-at';

/** The history event of a forked run's first transition. */
export const FORK_EVENT = 'signalbox.fork';

export interface ForkRunResult {
  run: RunRecord;
  point: ForkPoint;
  /** How many JSON Patch operations separate the edited context from the original one. */
  diffSize: number;
}

/** Every state path of a machine (compound and parallel states too), in document order. */
export function definitionStates(machine: AnyStateMachine): string[] {
  type NodeLike = { path: string[]; states: Record<string, NodeLike> };
  const paths: string[] = [];
  const visit = (node: NodeLike) => {
    if (node.path.length) paths.push(node.path.join('.'));
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(machine.root as unknown as NodeLike);
  return paths;
}

/**
 * The pipeline a fork runs on: the original run's version, or the current one when asked. The
 * state must exist there (`SNAPSHOT_INCOMPATIBLE`, naming the state and the version, otherwise).
 */
function forkPipeline(engine: Engine, run: RunRecord, which: 'original' | 'current'): Pipeline {
  return which === 'current'
    ? engine.registry.latest(run.pipelineId)
    : engine.registry.get(run.pipelineId, run.pipelineVersion);
}

/**
 * Starts a new run from a point of another one (a rerun from any point): the state the original was
 * in at a transition or in a state, with the context it had there or an operator's edit of it
 * (well-formed JSON, checked against the pipeline's context schema when it declares one). The
 * original is never changed, whatever its status; both runs live on independently. The fork keeps
 * the original's input, not its idempotency key; it records where it came from (run, version,
 * state), and its first transition, first steps and timers, and the audit row (who, why, from where,
 * how big the edit was, never the context itself) commit in one statement. Needs `runs:write`.
 */
export async function forkRun(
  engine: Engine,
  runId: string,
  body: ForkRunRequest,
  by: Actor,
): Promise<ForkRunResult> {
  const parsed = ForkRunRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'the fork request is not valid', {
      fields: fieldErrors(parsed.error.issues),
    });
  }
  const request = parsed.data;
  const refuse = (error: AppError, run?: RunRecord) =>
    auditRefusal(engine, {
      by,
      action: 'run.fork',
      runId: run?.id ?? null,
      target: `run:${runId}`,
      reason: request.reason,
      error,
      details: { at: request.at, pipelineVersion: request.pipelineVersion },
    });
  try {
    authorize(by, 'runs:write');
  } catch (error) {
    if (error instanceof AppError) throw await refuse(error);
    throw error;
  }
  const run = await findRun(engine, runId);
  if (!run) throw await refuse(runNotFound(runId));
  try {
    return await fork(engine, run, request, by);
  } catch (error) {
    if (error instanceof AppError) throw await refuse(error, run);
    throw error;
  }
}

type ParsedForkRequest = ReturnType<typeof ForkRunRequestSchema.parse>;

/**
 * Everything a fork would write, checked but not written: the point, the new run and its first
 * change, and the size of the edit. Throws what `forkRun` would refuse with (a bulk dry run uses it).
 */
export async function planFork(engine: Engine, run: RunRecord, request: ParsedForkRequest) {
  const point = await contextAt(engine, run, request.at);
  const pipeline = forkPipeline(engine, run, request.pipelineVersion);
  const edited = request.context !== undefined;
  let context = edited ? request.context : point.context;
  if (pipeline.context && edited) {
    const checked = pipeline.context.safeParse(context);
    if (!checked.success) {
      throw new AppError('VALIDATION_FAILED', `the context does not match pipeline '${pipeline.id}'`, {
        fields: fieldErrors(checked.error.issues).map((f) => ({ ...f, path: `context.${f.path}` })),
      });
    }
    context = checked.data;
  }
  const newId = randomUUID();
  const snapshot = restoreAt(pipeline, point, context, newId);
  const plan = planSteps(pipeline, snapshot, {}, {}, 1);
  const change: RunChange = {
    update: snapshotUpdate(snapshot, plan, NO_FAILURE),
    event: FORK_EVENT,
    enqueue: plan.entered,
  };
  const identity = {
    id: newId,
    pipelineId: pipeline.id,
    pipelineVersion: pipeline.version,
    input: run.input,
    idempotencyKey: null,
    origin: { runId: run.id, version: point.version, state: stateLabel(snapshot.value) },
  };
  const diffSize = edited ? diffJson(point.context, context).length : 0;
  return { point, pipeline, identity, change, edited, diffSize };
}

async function fork(
  engine: Engine,
  run: RunRecord,
  request: ParsedForkRequest,
  by: Actor,
): Promise<ForkRunResult> {
  const { point, pipeline, identity, change, edited, diffSize } = await planFork(engine, run, request);
  const written = await commitRunChange(engine, { newRun: identity }, change, {
    by,
    audit: {
      action: 'run.fork',
      reason: request.reason,
      details: {
        fromRunId: run.id,
        fromVersion: point.version,
        fromState: point.state,
        fromStatus: run.status,
        pipelineVersion: pipeline.version,
        contextEdited: edited,
        diffSize,
      },
    },
  });
  if (!written) throw new AppError('INTERNAL', 'the forked run was not written');
  engine.logger.info(
    {
      runId: identity.id,
      fromRunId: run.id,
      fromVersion: point.version,
      state: change.update.state,
      diffSize,
    },
    'run forked',
  );
  return { run: { ...identity, ...change.update, ...written }, point, diffSize };
}

/** The fork's first snapshot; a state the chosen pipeline version does not have is refused, named. */
function restoreAt(pipeline: Pipeline, point: ForkPoint, context: unknown, runId: string) {
  try {
    return restore(pipeline, { value: point.stateValue, context, status: 'active' }, runId);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError(
      'SNAPSHOT_INCOMPATIBLE',
      `cannot fork at '${point.state}': pipeline '${pipeline.id}' v${pipeline.version} has no such state`,
      { state: point.state, pipelineId: pipeline.id, version: pipeline.version },
    );
  }
}

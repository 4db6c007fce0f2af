import type { AnyMachineSnapshot } from 'xstate';
import type { z } from 'zod';
import type { OperatorRequestSchema } from '../../contracts/run-requests';
import { insertAuditEvent } from '../../db/queries/insert-audit-event';
import type { RunRecord, RunUpdate } from '../../db/queries/run-record';
import type { Engine } from '../engine';
import { AppError, ConcurrentTransition, TransitionNotAllowed } from '../errors';
import { allowedEvents, restore } from '../machine/machine-snapshot';
import type { Pipeline } from '../pipeline/define-pipeline';
import { commitRunChange } from './commit-run-change';
import { loadRun } from './load-run';

/** Who acts, why, and (optionally) on which version of the run they were looking at. */
export type OperatorRequest = z.infer<typeof OperatorRequestSchema> & {
  runId: string;
  /** Who acts: a person's email, `token:<name>`, or a system actor such as `cli`. */
  actor: string;
  actorRole?: string | null;
  ip?: string | null;
};

export interface PlannedChange {
  update: RunUpdate;
  event: string;
  enqueue: string[];
}

export interface LoadedRun {
  run: RunRecord;
  pipeline: Pipeline;
  snapshot: AnyMachineSnapshot;
}

/** Retry, cancel and the events the current state accepts: what an operator may do right now. */
export function allowedActions(run: RunRecord, snapshot: AnyMachineSnapshot | undefined): string[] {
  const actions = new Set<string>();
  if (isRetryable(run)) actions.add('retry');
  if (isCancellable(run)) actions.add('cancel');
  if (snapshot && isLive(run)) for (const event of allowedEvents(snapshot)) actions.add(event);
  return [...actions];
}

const isLive = (run: RunRecord): boolean => run.status === 'running' || run.status === 'waiting';

/** Live runs, and failed runs that could still be retried (cancelling closes them for good). */
export const isCancellable = (run: RunRecord): boolean => isLive(run) || isRetryable(run);

export const isRetryable = (run: RunRecord): boolean =>
  run.status === 'failed' && typeof (run.error as { fromValue?: unknown } | null)?.fromValue !== 'undefined';

export function notAllowed(loaded: LoadedRun, attempted: string): TransitionNotAllowed {
  const { run, snapshot } = loaded;
  const live = isLive(run);
  return new TransitionNotAllowed({
    runId: run.id,
    state: run.state,
    status: run.status,
    version: run.version,
    attempted,
    allowedEvents: live ? allowedEvents(snapshot) : [],
    allowedActions: allowedActions(run, snapshot),
  });
}

/**
 * The frame of every operator command: load the run, check the expected version, let `plan` decide
 * the change (or refuse it), then commit the change and its audit row atomically. A refusal is
 * audited too, with its error code.
 */
export async function operatorCommand(
  engine: Engine,
  request: OperatorRequest,
  action: string,
  plan: (loaded: LoadedRun) => PlannedChange,
): Promise<RunRecord> {
  const audit = {
    actor: request.actor,
    actorRole: request.actorRole ?? null,
    ip: request.ip ?? null,
    action,
    reason: request.reason ?? null,
  };
  const refuse = async (error: AppError, runId: string | null, details: Record<string, unknown> = {}) => {
    await insertAuditEvent(engine.db, {
      ...audit,
      runId,
      outcome: 'refused',
      details: { code: error.code, ...details },
    });
    engine.logger.info({ runId, action, actor: request.actor, code: error.code }, 'operator command refused');
    return error;
  };

  const run = await loadRun(engine, request.runId).catch(async (error: unknown) => {
    throw error instanceof AppError ? await refuse(error, null, { runId: request.runId }) : error;
  });
  if (request.expectedVersion !== undefined && request.expectedVersion !== run.version) {
    throw await refuse(new ConcurrentTransition(run.id, request.expectedVersion, run.version), run.id);
  }
  let loaded: LoadedRun;
  let change: PlannedChange;
  try {
    const pipeline = engine.registry.get(run.pipelineId, run.pipelineVersion);
    loaded = { run, pipeline, snapshot: restore(pipeline, run.snapshot as never, run.id) };
    change = plan(loaded);
  } catch (error) {
    if (error instanceof AppError)
      throw await refuse(error, run.id, { state: run.state, status: run.status });
    throw error;
  }

  const version = await commitRunChange(engine.db, {
    run,
    update: change.update,
    transition: {
      fromState: run.state,
      event: change.event,
      toState: change.update.state,
      actor: request.actor,
    },
    audit: {
      ...audit,
      details: { event: change.event, from: run.state, to: change.update.state, version: run.version + 1 },
    },
    enqueue: change.enqueue,
  });
  if (version === undefined) {
    throw await refuse(new ConcurrentTransition(run.id, run.version), run.id);
  }
  engine.logger.info(
    { runId: run.id, action, actor: request.actor, to: change.update.state },
    'operator command applied',
  );
  return { ...run, ...change.update, version, updatedAt: new Date() };
}

import type { AnyMachineSnapshot } from 'xstate';
import { type AttemptEnd, finishAttempt } from '../../db/queries/finish-attempt';
import { getRun } from '../../db/queries/get-run';
import type { RunRecord, RunUpdate } from '../../db/queries/run-record';
import type { Engine, StepJobPayload } from '../engine';
import { persist, restore, stateLabel, step } from '../machine/machine-snapshot';
import { type Pipeline, type StepFailure, stepDoneEvent, stepFailedEvent } from '../pipeline/define-pipeline';
import { planSteps } from './active-steps';
import { commitRunChange } from './commit-run-change';
import { deriveStatus, isTerminal } from './run-status';
import { isCurrentStep } from './step-instance';

export type StepOutcome = { ok: true; output: unknown } | { ok: false; failure: StepFailure };

const MAX_CAS_RETRIES = 8;

/**
 * Feeds a step's final outcome to the machine and commits the result (attempt row, snapshot CAS,
 * transition, next jobs, NOTIFY) atomically. A lost compare-and-set (a parallel step or an operator
 * changed the run meanwhile) is retried on the fresh run while the step is still current; a
 * duplicate delivery finds the step no longer current and stops.
 */
export async function applyStepOutcome(
  engine: Engine,
  args: { run: RunRecord; payload: StepJobPayload; attemptId: number; outcome: StepOutcome; end: AttemptEnd },
): Promise<'applied' | 'stale'> {
  let run: RunRecord | undefined = args.run;
  for (let i = 0; i < MAX_CAS_RETRIES; i++) {
    if (i > 0) run = await getRun(engine.db, args.payload.runId);
    if (!isCurrentStep(run, args.payload)) {
      await finishAttempt(engine.db, args.attemptId, { ...args.end, outcome: 'superseded' });
      return 'stale';
    }
    const current: RunRecord = run;
    const pipeline = engine.registry.get(current.pipelineId, current.pipelineVersion);
    const update = computeUpdate(pipeline, current, args.payload, args.outcome);
    const version = await commitRunChange(engine, {
      run: current,
      update: update.update,
      transition: update.transition,
      attempt: { id: args.attemptId, ...args.end },
      enqueue: update.enqueue,
    });
    if (version !== undefined) {
      engine.logger.info(
        { runId: current.id, from: current.state, to: update.update.state, status: update.update.status },
        'step outcome applied',
      );
      return 'applied';
    }
    // Lost the compare-and-set (or a duplicate closed the attempt): look again at the fresh run.
  }
  throw new Error(`run ${args.payload.runId}: gave up after ${MAX_CAS_RETRIES} concurrent changes`);
}

function computeUpdate(pipeline: Pipeline, run: RunRecord, payload: StepJobPayload, outcome: StepOutcome) {
  const snapshot = restore(pipeline, run.snapshot as never, run.id);
  const instance = run.activeSteps[payload.state]!;
  const event = outcome.ok
    ? { type: stepDoneEvent(instance.step), output: outcome.output }
    : { type: stepFailedEvent(instance.step), error: outcome.failure };

  let next: AnyMachineSnapshot = snapshot;
  let error: unknown = run.error;
  let forcedFailure = false;
  if (snapshot.can(event)) {
    next = step(pipeline, snapshot, event);
  } else {
    // The machine does not handle this outcome: fail loudly rather than leave the run hanging.
    forcedFailure = true;
    if (outcome.ok) {
      error = {
        code: 'STEP_EVENT_UNHANDLED',
        name: 'DefinitionError',
        message: `state '${payload.state}' does not handle '${event.type}'; add it to the machine`,
      };
    }
  }
  if (!outcome.ok) {
    error = { ...outcome.failure, step: instance.step, state: payload.state, fromValue: snapshot.value };
  }

  const newVersion = run.version + 1;
  const plan = forcedFailure
    ? { activeSteps: {}, attemptCounters: run.attemptCounters, entered: [] as string[] }
    : planSteps(pipeline, next, run.activeSteps, run.attemptCounters, newVersion, new Set([payload.state]));
  const status = forcedFailure ? 'failed' : deriveStatus(next, Object.keys(plan.activeSteps).length);
  const state = stateLabel(next.value);
  const update: RunUpdate = {
    state,
    stateValue: next.value,
    status,
    snapshot: persist(pipeline.machine, next),
    activeSteps: plan.activeSteps,
    attemptCounters: plan.attemptCounters,
    error: forcedFailure || !outcome.ok ? error : run.error,
    failedState: status === 'failed' ? payload.state : null,
    finishedAt: isTerminal(status) ? new Date() : null,
  };
  return {
    update,
    transition: { fromState: run.state, event: event.type, toState: state, actor: 'worker' },
    enqueue: plan.entered,
  };
}

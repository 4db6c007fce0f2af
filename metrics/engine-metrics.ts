import { Counter, Histogram, type Registry } from 'prom-client';
import type { EngineObserver } from '../core/engine-observer';
import { isTerminal } from '../core/runs/transition/run-status';

/** Step durations from 10 ms to 10 min (a step's default timeout is 5 min). */
const STEP_SECONDS_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/**
 * Counters and histograms of what the engine does in this process, as an `EngineObserver`. Labels
 * are pipeline ids, step names, statuses and action kinds: all bounded by the code (never run ids).
 */
export function engineMetrics(registry: Registry): EngineObserver {
  const registers = [registry];
  const runsStarted = new Counter({
    name: 'signalbox_runs_started_total',
    help: 'Runs started, by pipeline.',
    labelNames: ['pipeline'] as const,
    registers,
  });
  const runsFinished = new Counter({
    name: 'signalbox_runs_finished_total',
    help: 'Runs that reached a final status (succeeded, failed, cancelled), by pipeline and status.',
    labelNames: ['pipeline', 'status'] as const,
    registers,
  });
  const transitions = new Counter({
    name: 'signalbox_transitions_total',
    help: 'Committed transitions, by pipeline.',
    labelNames: ['pipeline'] as const,
    registers,
  });
  const stepDuration = new Histogram({
    name: 'signalbox_step_duration_seconds',
    help: 'Duration of step attempts, by pipeline, step and outcome.',
    labelNames: ['pipeline', 'step', 'outcome'] as const,
    buckets: STEP_SECONDS_BUCKETS,
    registers,
  });
  const stepRetries = new Counter({
    name: 'signalbox_step_retries_total',
    help: 'Failed step attempts scheduled to run again (by the step retry policy), by pipeline and step.',
    labelNames: ['pipeline', 'step'] as const,
    registers,
  });
  const operatorActions = new Counter({
    name: 'signalbox_operator_actions_total',
    help: 'Operator retries, cancels and events, by action and outcome (accepted or refused).',
    labelNames: ['action', 'outcome'] as const,
    registers,
  });

  return {
    runStarted({ pipelineId, status }) {
      runsStarted.inc({ pipeline: pipelineId });
      transitions.inc({ pipeline: pipelineId });
      if (isTerminal(status)) runsFinished.inc({ pipeline: pipelineId, status });
    },
    runChanged({ pipelineId, from, to, event, retriedSteps }) {
      if (event !== undefined) transitions.inc({ pipeline: pipelineId });
      if (isTerminal(to.status) && !isTerminal(from.status)) {
        runsFinished.inc({ pipeline: pipelineId, status: to.status });
      }
      for (const step of retriedSteps) stepRetries.inc({ pipeline: pipelineId, step });
    },
    stepAttemptEnded({ pipelineId, step, outcome, durationMs }) {
      stepDuration.observe({ pipeline: pipelineId, step, outcome }, durationMs / 1000);
    },
    operatorAction({ action, outcome }) {
      operatorActions.inc({ action, outcome });
    },
  };
}

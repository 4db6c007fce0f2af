import type { EngineObserver } from '../core/engine-observer';
import type { Logger } from '../core/logger';

/**
 * One log line per step attempt, with the documented run fields (pipelineId, runId, state, step,
 * attempt, outcome, durationMs; the worker's logger adds workerId). Ids and outcomes only: the
 * attempt's error text and log lines stay in the database.
 */
export function stepLogObserver(logger: Logger): EngineObserver {
  return {
    stepAttemptEnded({ pipelineId, runId, state, step, attempt, outcome, durationMs }) {
      const fields = { pipelineId, runId, state, step, attempt, outcome, durationMs: Math.round(durationMs) };
      logger.info(fields, 'step attempt ended');
    },
  };
}

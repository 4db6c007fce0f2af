import type { RetryProblemRequest } from '../../contracts/problems';
import { MAX_BULK_RETRY, type RetryFailedRunsResult } from '../../contracts/run-requests';
import { selectProblemRuns } from '../../db/queries/select-problem-runs';
import { type Actor, auditIdentity, authorize } from '../auth/actor';
import type { Engine } from '../engine';
import { AppError } from '../errors';
import { performOperatorAction } from '../runs/perform-operator-action';
import { findProblem } from './get-problem';

/**
 * Retries every run of a problem that is failed now (its latest failure being this problem), one
 * audited operator command per run, each at the version it was listed at. Refused when the number
 * differs from what the operator confirmed (`CONCURRENT_TRANSITION`, 409).
 */
export async function retryProblemRuns(
  engine: Engine,
  problemId: number,
  request: RetryProblemRequest,
  by: Actor,
): Promise<RetryFailedRunsResult> {
  authorize(by, 'runs:write');
  await findProblem(engine, problemId);
  const targets = await selectProblemRuns(engine.db, problemId, 'failed', MAX_BULK_RETRY + 1);
  if (targets.length > MAX_BULK_RETRY) {
    throw new AppError(
      'VALIDATION_FAILED',
      `more than ${MAX_BULK_RETRY} failed runs: retry them from the runs list`,
    );
  }
  if (targets.length !== request.expectedCount) {
    throw new AppError(
      'CONCURRENT_TRANSITION',
      `the failed runs of problem ${problemId} changed: you confirmed ${request.expectedCount}, there are now ${targets.length}; review and confirm again`,
      { expectedCount: request.expectedCount, actualCount: targets.length },
    );
  }
  const reason = request.reason?.trim() || `retry of problem ${problemId}`;
  const result: RetryFailedRunsResult = { matched: targets.length, retried: 0, refused: 0, refusals: [] };
  for (const target of targets) {
    try {
      await performOperatorAction(
        engine,
        { kind: 'retry', request: { runId: target.id, reason, expectedVersion: target.version } },
        by,
      );
      result.retried += 1;
    } catch (error) {
      result.refused += 1;
      result.refusals.push({ runId: target.id, code: error instanceof AppError ? error.code : 'INTERNAL' });
    }
  }
  engine.logger.info(
    { actor: auditIdentity(by).actor, problemId, retried: result.retried, refused: result.refused },
    'problem runs retried',
  );
  return result;
}

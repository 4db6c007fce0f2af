import {
  MAX_BULK_RETRY,
  type RetryFailedRunsRequest,
  type RetryFailedRunsResult,
} from '../../contracts/run-requests';
import { listFailedRuns } from '../../db/queries/list-failed-runs';
import { type Actor, auditIdentity, authorize } from '../auth/actor';
import type { Engine } from '../engine';
import { AppError } from '../errors';
import { performOperatorAction } from './perform-operator-action';
import { toRunFilter } from './run-filter';

/**
 * Retries every failed run matching a filter, one operator command per run (each audited, each with
 * the version it was listed at). Refuses to start when the number of matching runs differs from the
 * count the operator confirmed. A person or token needs `runs:write` (`FORBIDDEN`, 403).
 */
export async function retryFailedRuns(
  engine: Engine,
  request: RetryFailedRunsRequest,
  by: Actor,
): Promise<RetryFailedRunsResult> {
  authorize(by, 'runs:write');
  const targets = await listFailedRuns(engine.db, toRunFilter(request.filter), MAX_BULK_RETRY + 1);
  if (targets.length > MAX_BULK_RETRY) {
    throw new AppError(
      'VALIDATION_FAILED',
      `more than ${MAX_BULK_RETRY} failed runs match: narrow the filter`,
      {
        fields: [{ path: 'filter', message: `matches more than ${MAX_BULK_RETRY} failed runs` }],
      },
    );
  }
  if (targets.length !== request.expectedCount) {
    throw new AppError(
      'CONCURRENT_TRANSITION',
      `the failed runs matching this filter changed: you confirmed ${request.expectedCount}, there are now ${targets.length}; review and confirm again`,
      { expectedCount: request.expectedCount, actualCount: targets.length },
    );
  }
  const result: RetryFailedRunsResult = { matched: targets.length, retried: 0, refused: 0, refusals: [] };
  for (const target of targets) {
    try {
      await performOperatorAction(
        engine,
        {
          kind: 'retry',
          request: { runId: target.id, reason: request.reason, expectedVersion: target.version },
        },
        by,
      );
      result.retried += 1;
    } catch (error) {
      if (!(error instanceof AppError)) {
        engine.logger.error({ runId: target.id, err: (error as Error).name }, 'bulk retry: unexpected error');
      }
      result.refused += 1;
      result.refusals.push({ runId: target.id, code: error instanceof AppError ? error.code : 'INTERNAL' });
    }
  }
  engine.logger.info(
    {
      actor: auditIdentity(by).actor,
      matched: result.matched,
      retried: result.retried,
      refused: result.refused,
    },
    'bulk retry',
  );
  return result;
}

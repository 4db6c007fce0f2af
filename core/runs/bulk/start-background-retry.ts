import { randomUUID } from 'node:crypto';
import {
  type BackgroundRetryRequest,
  type BackgroundRetryResult,
  MAX_BACKGROUND_RETRY,
} from '../../../contracts/bulk-actions';
import { countFailedRuns, getBulkAction, insertBulkAction } from '../../../db/queries/bulk-actions';
import { type Actor, auditIdentity, authorize } from '../../auth/actor';
import { BULK_ACTION_TASK, type Engine } from '../../engine';
import { AppError } from '../../errors';
import { toRunFilter } from '../run-filter';
import { bulkActionView } from './bulk-action-view';

/**
 * Retries every failed run matching a filter in the background, however many (up to
 * `MAX_BACKGROUND_RETRY`): counts them exactly, refuses when the count is not the one the operator
 * confirmed, then records the action, its audit row and the job a worker does it in, in one
 * statement. With `preview`, only counts. A person or token needs `runs:write`.
 */
export async function startBackgroundRetry(
  engine: Engine,
  request: BackgroundRetryRequest,
  by: Actor,
): Promise<BackgroundRetryResult> {
  authorize(by, 'runs:write');
  const filter = toRunFilter(request.filter, engine.registry);
  const matched = await countFailedRuns(engine.db, filter, MAX_BACKGROUND_RETRY);
  if (matched > MAX_BACKGROUND_RETRY) {
    throw new AppError(
      'VALIDATION_FAILED',
      `more than ${MAX_BACKGROUND_RETRY} failed runs match: narrow the filter`,
      { fields: [{ path: 'filter', message: `matches more than ${MAX_BACKGROUND_RETRY} failed runs` }] },
    );
  }
  if (request.preview) return { matched };
  if (matched !== request.expectedCount) {
    throw new AppError(
      'CONCURRENT_TRANSITION',
      `the failed runs matching this filter changed: you confirmed ${request.expectedCount}, there are now ${matched}; review and confirm again`,
      { expectedCount: request.expectedCount, actualCount: matched },
    );
  }
  const id = randomUUID();
  const who = auditIdentity(by);
  await insertBulkAction(engine.db, {
    id,
    kind: 'retry-failed',
    filter: request.filter as Record<string, string>,
    reason: request.reason ?? null,
    actor: who.actor,
    actorRole: who.actorRole,
    ip: who.ip,
    matched,
    task: BULK_ACTION_TASK,
  });
  engine.logger.info({ bulkActionId: id, actor: who.actor, matched }, 'bulk retry started');
  const row = await getBulkAction(engine.db, id);
  return { matched, bulkAction: bulkActionView(row!) };
}

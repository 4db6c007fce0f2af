import {
  type ForkFailedRunsRequest,
  type ForkFailedRunsResult,
  MAX_BULK_FORK,
} from '../../../contracts/fork-requests';
import { listFailedRuns } from '../../../db/queries/list-failed-runs';
import { type Actor, auditIdentity, authorize } from '../../auth/actor';
import type { Engine } from '../../engine';
import { AppError } from '../../errors';
import { applyJsonPatch, JsonPatchError } from '../../json/json-patch';
import { findRun } from '../find-run';
import { toRunFilter } from '../run-filter';
import { contextAt } from './context-at';
import { forkRun, planFork } from './fork-run';

/**
 * "Fork every failed run matching this filter from its failed state, with the same edit": the
 * JSON Patch is applied to each run's context there, and each fork is checked as a single one would
 * be (patch applies, context schema, state exists). A dry run checks all and writes nothing; a real
 * one needs the count the operator confirmed (409 when the set changed) and forks run by run, each
 * audited. Refusals name the run and the reason, never the context.
 */
export async function forkFailedRuns(
  engine: Engine,
  request: ForkFailedRunsRequest,
  by: Actor,
): Promise<ForkFailedRunsResult> {
  authorize(by, 'runs:write');
  const targets = await listFailedRuns(
    engine.db,
    toRunFilter(request.filter, engine.registry),
    MAX_BULK_FORK + 1,
  );
  if (targets.length > MAX_BULK_FORK) {
    const message = `more than ${MAX_BULK_FORK} failed runs match: narrow the filter`;
    throw new AppError('VALIDATION_FAILED', message, { fields: [{ path: 'filter', message }] });
  }
  if (!request.dryRun && targets.length !== request.expectedCount) {
    throw new AppError(
      'CONCURRENT_TRANSITION',
      `the failed runs matching this filter changed: you confirmed ${request.expectedCount ?? 'none'}, there are now ${targets.length}; preview again`,
      { expectedCount: request.expectedCount ?? null, actualCount: targets.length },
    );
  }
  const result: ForkFailedRunsResult = {
    matched: targets.length,
    forked: 0,
    refused: 0,
    dryRun: request.dryRun,
    forks: [],
    refusals: [],
  };
  for (const target of targets) {
    try {
      const run = await findRun(engine, target.id);
      if (!run?.failedState) {
        throw new AppError('TRANSITION_NOT_ALLOWED', 'the run has no failed state to fork from');
      }
      const at = { state: run.failedState.split(',')[0]! };
      const point = await contextAt(engine, run, at);
      const context = applyJsonPatch(point.context, request.patch);
      const forkRequest = { at, context, reason: request.reason, pipelineVersion: 'original' as const };
      if (request.dryRun) {
        await planFork(engine, run, forkRequest);
        result.forks.push({ runId: run.id, forkId: null });
      } else {
        const forked = await forkRun(engine, run.id, forkRequest, by);
        result.forks.push({ runId: run.id, forkId: forked.run.id });
      }
      result.forked += 1;
    } catch (error) {
      if (!(error instanceof AppError || error instanceof JsonPatchError)) throw error;
      result.refused += 1;
      result.refusals.push({
        runId: target.id,
        code: error instanceof AppError ? error.code : 'VALIDATION_FAILED',
        message: error instanceof AppError ? error.message : `the patch does not apply: ${error.message}`,
      });
    }
  }
  engine.logger.info(
    { actor: auditIdentity(by).actor, ...result, forks: undefined, refusals: undefined },
    request.dryRun ? 'bulk fork previewed' : 'bulk fork',
  );
  return result;
}

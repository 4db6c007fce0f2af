import type { ProblemOccurrence } from '../../db/queries/problem-occurrence-ctes';
import type { RunRecord } from '../../db/queries/run-record';
import type { RunChange } from '../runs/transition/run-change';
import { errorSignature } from './error-signature';

/**
 * The problem a change files its run under: only a change that makes a live run `failed` (a run that
 * was failed already, e.g. a refused retry, is not counted twice).
 */
export function problemOfChange(run: RunRecord, { update }: RunChange): ProblemOccurrence | undefined {
  if (update.status !== 'failed' || run.status === 'failed' || !update.error) return undefined;
  const error = update.error;
  const failedState = update.failedState ?? ('state' in error ? error.state : update.state);
  return {
    pipelineId: run.pipelineId,
    pipelineVersion: run.pipelineVersion,
    failedState,
    signature: errorSignature(error.name, error.message),
    errorName: error.name || 'Error',
    message: error.message,
  };
}

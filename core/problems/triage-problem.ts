import type { ProblemSummary, TriageRequest } from '../../contracts/problems';
import { updateProblemTriage } from '../../db/queries/update-problem-triage';
import { auditRefusal } from '../audit/record-audit';
import { type Actor, auditIdentity, authorize } from '../auth/actor';
import { maySeePayload } from '../auth/may-see-payload';
import type { Engine } from '../engine';
import { AppError } from '../errors';
import { findProblem } from './get-problem';
import { toProblemSummary } from './problem-summary';

/**
 * Moves a problem through triage — new → acknowledged → resolved, or ignored; `new` reopens one by
 * hand — recording who, when and the note, audited. A new failure reopens a resolved problem by
 * itself (see `problemCtes`). Asking for the status it has is `TRANSITION_NOT_ALLOWED` (409); a
 * problem changed meanwhile is `CONCURRENT_TRANSITION` (409).
 */
export async function triageProblem(
  engine: Engine,
  problemId: number,
  request: TriageRequest,
  by: Actor,
): Promise<ProblemSummary> {
  authorize(by, 'runs:write');
  const problem = await findProblem(engine, problemId);
  const note = request.note?.trim() || null;
  const target = `problem:${problemId}`;
  if (problem.status === request.status) {
    throw await auditRefusal(engine, {
      by,
      action: 'problem.triage',
      target,
      reason: note,
      error: new AppError('TRANSITION_NOT_ALLOWED', `problem ${problemId} is already ${problem.status}`, {
        status: problem.status,
      }),
    });
  }
  const written = await updateProblemTriage(engine.db, {
    problemId,
    from: problem.status,
    to: request.status,
    note,
    ...auditIdentity(by),
  });
  if (!written) {
    throw new AppError(
      'CONCURRENT_TRANSITION',
      `problem ${problemId} changed meanwhile (a new failure or another operator): review it and try again`,
    );
  }
  return toProblemSummary(await findProblem(engine, problemId), engine.registry, maySeePayload(by));
}

import { type ProblemList, type ProblemListQuery, SPARKLINE_HOURS } from '../../contracts/problems';
import { countOpenProblems, selectProblems } from '../../db/queries/select-problems';
import type { ProblemStatus } from '../../db/schema';
import { type Actor, authorize } from '../auth/actor';
import { maySeePayload } from '../auth/may-see-payload';
import type { Engine } from '../engine';
import { toProblemSummary } from './problem-summary';

const OPEN: readonly ProblemStatus[] = ['new', 'acknowledged'];

/** The failure inbox: one page of problems, newest failure first (messages only for payload readers). */
export async function listProblems(
  engine: Engine,
  reader: Actor,
  query: ProblemListQuery,
): Promise<ProblemList> {
  authorize(reader, 'runs:read');
  const statuses =
    query.status === 'all' ? undefined : query.status === 'open' ? OPEN : ([query.status] as const);
  const [rows, openCount] = await Promise.all([
    selectProblems(engine.db, {
      statuses,
      pipelineId: query.pipeline,
      limit: query.limit + 1,
      offset: (query.page - 1) * query.limit,
      sparklineHours: SPARKLINE_HOURS,
    }),
    countOpenProblems(engine.db),
  ]);
  const showPayload = maySeePayload(reader);
  return {
    problems: rows.slice(0, query.limit).map((row) => toProblemSummary(row, engine.registry, showPayload)),
    page: query.page,
    hasMore: rows.length > query.limit,
    openCount,
  };
}

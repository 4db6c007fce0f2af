import { type ProblemView, SPARKLINE_HOURS } from '../../contracts/problems';
import { selectProblemRuns } from '../../db/queries/select-problem-runs';
import { type ProblemRow, selectProblems } from '../../db/queries/select-problems';
import { type Actor, authorize } from '../auth/actor';
import { maySeePayload } from '../auth/may-see-payload';
import { toMermaid } from '../diagram/to-mermaid';
import type { Engine } from '../engine';
import { AppError } from '../errors';
import { toRunSummary } from '../runs/run-summary';
import { toProblemSummary } from './problem-summary';

const SAMPLE_RUNS = 10;

/** A problem by id, or `NOT_FOUND` (404). */
export async function findProblem(engine: Engine, problemId: number): Promise<ProblemRow> {
  const [row] = await selectProblems(engine.db, { id: problemId, limit: 1, sparklineHours: SPARKLINE_HOURS });
  if (!row) throw new AppError('NOT_FOUND', `problem ${problemId} not found`);
  return row;
}

/** One problem with its newest runs and the pipeline's diagram with the failing state marked. */
export async function getProblem(engine: Engine, problemId: number, reader: Actor): Promise<ProblemView> {
  authorize(reader, 'runs:read');
  const row = await findProblem(engine, problemId);
  const runs = await selectProblemRuns(engine.db, problemId, 'sample', SAMPLE_RUNS);
  const showPayload = maySeePayload(reader);
  const newest = Math.max(...row.versions.map(Number));
  const pipeline = engine.registry.has(row.pipelineId)
    ? (engine.registry.all().find((p) => p.id === row.pipelineId && p.version === newest) ??
      engine.registry.latest(row.pipelineId))
    : undefined;
  return {
    ...toProblemSummary(row, engine.registry, showPayload),
    sampleRuns: runs.map((run) =>
      toRunSummary({ ...run, key: { value: null, createdAt: '', id: run.id } }, showPayload),
    ),
    diagram: pipeline ? toMermaid(pipeline.machine, { failed: [row.failedState] }) : '',
  };
}

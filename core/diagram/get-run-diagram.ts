import { z } from 'zod';
import { getRun } from '../../db/queries/get-run';
import { listVisitedStates } from '../../db/queries/list-visited-states';
import type { Engine } from '../engine';
import { AppError } from '../errors';
import { runHighlight } from './run-highlight';
import { toMermaid } from './to-mermaid';

/**
 * A run's diagram as Mermaid text with its path highlighted (current, visited, failed), as the run
 * page shows it: for `signalbox diagram --run` and incident tickets. `RUN_NOT_FOUND` (404) for an
 * unknown run; the registry's error when its pipeline version is not registered here.
 */
export async function getRunDiagram(
  engine: Engine,
  runId: string,
): Promise<{ pipelineId: string; mermaid: string }> {
  const run = z.uuid().safeParse(runId).success ? await getRun(engine.db, runId) : undefined;
  if (!run) throw new AppError('RUN_NOT_FOUND', `run ${runId} not found`, { runId });
  const pipeline = engine.registry.get(run.pipelineId, run.pipelineVersion);
  const visited = await listVisitedStates(engine.db, run.id);
  return { pipelineId: run.pipelineId, mermaid: toMermaid(pipeline.machine, runHighlight(run, visited)) };
}

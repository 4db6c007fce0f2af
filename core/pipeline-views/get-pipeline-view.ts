import { z } from 'zod';
import { countRunsByState, type StateStatusCount } from '../../db/queries/count-runs-by-state';
import { type Actor, authorize } from '../auth/actor';
import { stepStates } from '../definition/define-pipeline';
import { toMermaid } from '../diagram/to-mermaid';
import type { Engine } from '../engine';
import { type RunStatusCounts, statusCounts } from '../runs/run-summary';
import { operatorEvents } from './operator-events';
import { pipelineHighlight } from './state-counts';

export interface PipelineStepView {
  name: string;
  /** The states that run this step. */
  states: string[];
  maxAttempts: number;
  timeoutMs: number;
  backoff: { initialMs: number; maxMs: number };
}

/** `GET /api/pipelines/:id` and the pipeline page: definition, input schema, diagrams, live counts. */
export interface PipelineView {
  id: string;
  version: number;
  title: string;
  description: string;
  /** The input schema as JSON Schema (input side: defaulted fields are optional). */
  inputSchema: Record<string, unknown>;
  /** The machine as Mermaid `stateDiagram-v2`, without highlights. */
  mermaid: string;
  /** The diagram with run counts drawn on each state: all runs, or only running and waiting ones. */
  diagrams: { all: string; active: string };
  /** Runs per current state and status (all versions of the pipeline). */
  stateCounts: StateStatusCount[];
  counts: RunStatusCounts;
  steps: PipelineStepView[];
  schedules: { name: string; cron: string; backfillMs: number }[];
  operatorEvents: string[];
}

/** `PIPELINE_NOT_FOUND` (404) naming the known pipelines when the id is unknown. */
export async function getPipelineView(
  engine: Engine,
  pipelineId: string,
  reader: Actor,
): Promise<PipelineView> {
  authorize(reader, 'runs:read');
  const pipeline = engine.registry.latest(pipelineId);
  const stateCounts = await countRunsByState(engine.db, pipeline.id);
  const byStep = new Map<string, string[]>();
  for (const { step, path } of stepStates(pipeline.machine))
    byStep.set(step, [...(byStep.get(step) ?? []), path]);
  return {
    id: pipeline.id,
    version: pipeline.version,
    title: pipeline.title,
    description: pipeline.description,
    // Through JSON: zod builds null-prototype objects, and this view is passed to client components.
    inputSchema: JSON.parse(
      JSON.stringify(z.toJSONSchema(pipeline.input, { io: 'input', unrepresentable: 'any' })),
    ),
    mermaid: toMermaid(pipeline.machine),
    diagrams: {
      all: toMermaid(pipeline.machine, pipelineHighlight(stateCounts)),
      active: toMermaid(pipeline.machine, pipelineHighlight(stateCounts, true)),
    },
    stateCounts,
    counts: statusCounts(stateCounts),
    steps: [...pipeline.steps.values()].map((step) => ({
      name: step.name,
      states: byStep.get(step.name) ?? [],
      maxAttempts: step.maxAttempts,
      timeoutMs: step.timeoutMs,
      backoff: { initialMs: step.backoff.initialMs, maxMs: step.backoff.maxMs },
    })),
    schedules: pipeline.schedules.map((schedule, index) => ({
      name: schedule.name ?? String(index),
      cron: schedule.cron,
      backfillMs: schedule.backfillMs ?? 0,
    })),
    operatorEvents: operatorEvents(pipeline.machine),
  };
}

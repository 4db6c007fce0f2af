import { listVisitedStates } from '../../db/queries/list-visited-states';
import type { ActiveStep, RunError, RunStatus } from '../../db/schema';
import { type Actor, authorize } from '../auth/actor';
import { maySeePayload, type RedactedRunError, redactError } from '../auth/may-see-payload';
import { runHighlight } from '../diagram/run-highlight';
import { type DiagramHighlight, diagramStateIds, toMermaid } from '../diagram/to-mermaid';
import type { Engine } from '../engine';
import { AppError } from '../errors';
import { operatorEvents } from '../pipeline-views/operator-events';
import { getRunDetails } from './get-run-details';

/** `GET /api/runs/:id` and the run page: plain JSON, ISO times. */
export interface RunView {
  id: string;
  pipelineId: string;
  pipelineVersion: number;
  pipelineTitle: string | null;
  state: string;
  stateValue: unknown;
  status: RunStatus;
  version: number;
  /** What an operator may do now: `retry`, `cancel` and the events the current state accepts. */
  allowedActions: string[];
  /** The operator events among `allowedActions` (`cancel` excluded: it is the Cancel run action). */
  allowedEvents: string[];
  /** Every operator event the run's pipeline knows, allowed now or not. */
  pipelineEvents: string[];
  /** null when `payloadHidden`. */
  input: unknown;
  /** null when `payloadHidden`. */
  context: unknown;
  /** The reader's role may not see payloads: input and context are null, the error has no message. */
  payloadHidden: boolean;
  idempotencyKey: string | null;
  error: RunError | RedactedRunError | null;
  failedState: string | null;
  activeSteps: Record<string, ActiveStep>;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  /** Set when the stored snapshot no longer fits its pipeline definition. */
  definitionError: string | null;
  /** Mermaid source with the current state, the path taken and failures highlighted. */
  diagram: string | null;
  /** State path → Mermaid id in `diagram`, so the console can mark states without a new layout. */
  diagramIds: Record<string, string> | null;
  highlight: DiagramHighlight;
}

/**
 * A run with its allowed actions and highlighted diagram; `RUN_NOT_FOUND` (404) when there is none.
 * A reader without `payload:read` gets no input, context or error message (`payloadHidden`).
 */
export async function getRunView(engine: Engine, runId: string, reader: Actor): Promise<RunView> {
  authorize(reader, 'runs:read');
  const hidden = !maySeePayload(reader);
  const details = await getRunDetails(engine, runId);
  const { run } = details;
  const visited = await listVisitedStates(engine.db, run.id);
  const highlight = runHighlight(run, visited);
  let pipeline: ReturnType<Engine['registry']['get']> | undefined;
  try {
    pipeline = engine.registry.get(run.pipelineId, run.pipelineVersion);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
  const pipelineEvents = pipeline ? operatorEvents(pipeline.machine) : [];
  return {
    id: run.id,
    pipelineId: run.pipelineId,
    pipelineVersion: run.pipelineVersion,
    pipelineTitle: pipeline?.title ?? null,
    state: run.state,
    stateValue: run.stateValue,
    status: run.status,
    version: run.version,
    allowedActions: details.allowedActions,
    allowedEvents: details.allowedActions.filter((action) => pipelineEvents.includes(action)),
    pipelineEvents,
    input: hidden ? null : run.input,
    context: hidden ? null : details.context,
    payloadHidden: hidden,
    idempotencyKey: run.idempotencyKey,
    error: hidden ? redactError(run.error) : run.error,
    failedState: run.failedState,
    activeSteps: run.activeSteps,
    createdAt: run.createdAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    definitionError: details.definitionError,
    diagram: pipeline ? toMermaid(pipeline.machine, highlight) : null,
    diagramIds: pipeline ? diagramStateIds(pipeline.machine) : null,
    highlight,
  };
}

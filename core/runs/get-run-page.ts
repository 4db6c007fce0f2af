import type { AttemptEntry, RunPage, RunView, TransitionEntry } from '../../contracts/run-page';
import { type AttemptView, listAttempts } from '../../db/queries/list-attempts';
import { listTransitions, type TransitionView } from '../../db/queries/list-transitions';
import type { RunRecord } from '../../db/queries/run-record';
import { type RunLineage, selectRunLineage } from '../../db/queries/select-run-lineage';
import { type Actor, authorize } from '../auth/actor';
import { maySeePayload } from '../auth/may-see-payload';
import { queueStandings } from '../controls/queue-positions';
import { runHighlight } from '../diagram/run-highlight';
import { diagramStateIds, toMermaid } from '../diagram/to-mermaid';
import type { Engine } from '../engine';
import { timerTarget } from '../machine/active-timers';
import { operatorEvents } from '../pipeline-views/operator-events';
import { allowedNow } from './allowed-now';
import { loadRun } from './find-run';

/**
 * Everything the run page shows, read once: the run (allowed actions, highlighted diagram), its
 * transitions and its step attempts. `RUN_NOT_FOUND` (404) for an unknown or malformed id. A reader
 * without `payload:read` gets no input, context, error messages or log lines (`payloadHidden`).
 * `GET /api/runs/:id`, `/transitions` and `/attempts` answer parts of it.
 */
export async function getRunPage(engine: Engine, runId: string, reader: Actor): Promise<RunPage> {
  authorize(reader, 'runs:read');
  const run = await loadRun(engine, runId);
  const hidden = !maySeePayload(reader);
  const [transitionRows, attemptRows, lineage, standings] = await Promise.all([
    listTransitions(engine.db, run.id),
    listAttempts(engine.db, run.id),
    selectRunLineage(engine.db, run.id),
    queueStandings(engine, [run], !hidden),
  ]);
  return {
    run: {
      ...toRunView(engine, run, visitedStates(transitionRows), hidden, lineage),
      queue: standings.get(run.id) ?? null,
    },
    transitions: transitionRows.map(toTransitionEntry),
    attempts: attemptRows.map((row) => toAttemptEntry(row, hidden)),
  };
}

/** Every leaf state the run has been in, from its transitions (parallel labels split on ','). */
const visitedStates = (rows: readonly TransitionView[]): string[] =>
  [...new Set(rows.flatMap((row) => [row.fromState ?? '', row.toState]).flatMap((label) => label.split(',')))]
    .filter(Boolean)
    .sort();

function toRunView(
  engine: Engine,
  run: RunRecord,
  visited: readonly string[],
  hidden: boolean,
  lineage: RunLineage,
): Omit<RunView, 'queue'> {
  const standing = allowedNow(engine, run);
  const { pipeline } = standing;
  const { current = [], visited: passed = [], failed = [] } = runHighlight(run, visited);
  const highlight = { current, visited: passed, failed };
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
    allowedActions: standing.allowedActions,
    allowedEvents: standing.allowedActions.filter((action) => pipelineEvents.includes(action)),
    pipelineEvents,
    input: hidden ? null : run.input,
    context: hidden ? null : (run.snapshot.context ?? null),
    payloadHidden: hidden,
    idempotencyKey: run.idempotencyKey,
    error: hidden ? withoutMessage(run.error) : run.error,
    failedState: run.failedState,
    activeSteps: run.activeSteps,
    createdAt: run.createdAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    definitionError: standing.definitionError,
    diagram: pipeline
      ? withForkNote(toMermaid(pipeline.machine, highlight), pipeline.machine, lineage)
      : null,
    diagramIds: pipeline ? diagramStateIds(pipeline.machine) : null,
    highlight,
    timers: Object.entries(run.timers)
      .filter(([, t]) => t.dueAt !== null && t.since !== null)
      .map(([event, t]) => ({
        event,
        state: t.state,
        delay: t.delay,
        delayMs: t.delayMs,
        dueAt: t.dueAt!,
        since: t.since!,
        target: pipeline ? timerTarget(pipeline.machine, t.state, event) : null,
      }))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt)),
    forkedFrom: lineage.origin,
    forks: lineage.forks.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })),
  };
}

/** A forked run's diagram says where it began: a note beside the state it was forked into. */
function withForkNote(
  source: string,
  machine: Parameters<typeof diagramStateIds>[0],
  lineage: RunLineage,
): string {
  const began = lineage.origin?.state.split(',')[0];
  const id = began ? diagramStateIds(machine)[began] : undefined;
  return id ? `${source}\n  note left of ${id} : forked here (from v${lineage.origin!.version})` : source;
}

/** A run error without its message (it may quote a payload); its kind, step and state stay. */
function withoutMessage(error: RunRecord['error']): RunView['error'] {
  if (!error) return null;
  const { message: _message, ...rest } = error;
  return rest;
}

const toTransitionEntry = (row: TransitionView): TransitionEntry => ({ ...row, at: row.at.toISOString() });

/** Log lines and error messages may quote payloads: a hidden reader gets neither. */
function toAttemptEntry(row: AttemptView, hidden: boolean): AttemptEntry {
  const error = (row.error as AttemptEntry['error']) ?? null;
  return {
    ...row,
    error: hidden ? hiddenError(error) : error,
    logs: hidden ? [] : row.logs,
    payloadHidden: hidden,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
  };
}

function hiddenError(error: AttemptEntry['error']): AttemptEntry['error'] {
  if (!error) return null;
  return typeof error.name === 'string' ? { name: error.name } : {};
}

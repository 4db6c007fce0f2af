import { SUMMARY_COUNT_CAP } from '../../contracts/runs';
import { countRunsByPipeline } from '../../db/queries/count-runs-by-pipeline';
import { countRunsPerStatus } from '../../db/queries/count-runs-per-status';
import { listHeartbeats } from '../../db/queries/list-heartbeats';
import { selectRunPage } from '../../db/queries/select-run-page';
import type { RunStatus } from '../../db/schema';
import { type Actor, authorize } from '../auth/actor';
import { maySeePayload } from '../auth/may-see-payload';
import type { Engine } from '../engine';
import {
  cappedStatusCounts,
  type RunStatusCounts,
  type RunSummary,
  statusCounts,
  toRunSummary,
} from '../runs/run-summary';

/** How far back the overview's counts look. */
export const OVERVIEW_WINDOW_MS = 24 * 60 * 60 * 1000;
/** A worker silent for longer than this is shown as gone (its jobs are unlocked after 30 s). */
const WORKER_STALE_MS = 30_000;
const LIST_LIMIT = 10;

export interface PipelineHealth {
  id: string;
  title: string;
  /** Runs created in the window, per status. */
  counts: RunStatusCounts;
  total: number;
  /** Share of finished runs in the window that failed (null when none finished). */
  failureRate: number | null;
  lastFailureAt: string | null;
}

export interface Overview {
  /** Start of the window (ISO). */
  since: string;
  /** Runs created in the window, per status. */
  counts: RunStatusCounts;
  total: number;
  /** Running and waiting runs, whenever they started (counts up to `SUMMARY_COUNT_CAP`, `capped` above). */
  active: {
    counts: Pick<RunStatusCounts, 'running' | 'waiting'>;
    capped: RunStatus[];
    runs: RunSummary[];
  };
  recentFailures: RunSummary[];
  pipelines: PipelineHealth[];
  workers: {
    workerId: string;
    hostname: string;
    pid: number;
    concurrency: number;
    lastSeenAt: string;
    alive: boolean;
  }[];
}

/** The overview page: a handful of GROUP BYs and two short lists. */
export async function getOverview(engine: Engine, reader: Actor, now = new Date()): Promise<Overview> {
  authorize(reader, 'runs:read');
  const showPayload = maySeePayload(reader);
  const since = new Date(now.getTime() - OVERVIEW_WINDOW_MS);
  const page = (statuses: ('running' | 'waiting' | 'failed')[]) =>
    selectRunPage(engine.db, { filter: { statuses }, sort: 'updatedAt', dir: 'desc', limit: LIST_LIMIT });
  const [byPipeline, activeCounts, activeRuns, failures, workers] = await Promise.all([
    countRunsByPipeline(engine.db, since),
    countRunsPerStatus(engine.db, { statuses: ['running', 'waiting'] }, SUMMARY_COUNT_CAP),
    page(['running', 'waiting']),
    page(['failed']),
    listHeartbeats(engine.db),
  ]);
  const counts = statusCounts(byPipeline);
  const active = cappedStatusCounts(activeCounts, SUMMARY_COUNT_CAP);
  return {
    since: since.toISOString(),
    counts,
    total: byPipeline.reduce((sum, row) => sum + row.count, 0),
    active: {
      counts: { running: active.counts.running, waiting: active.counts.waiting },
      capped: active.capped,
      runs: activeRuns.map((row) => toRunSummary(row, showPayload)),
    },
    recentFailures: failures.map((row) => toRunSummary(row, showPayload)),
    pipelines: engine.registry.list().map((pipeline) => {
      const mine = byPipeline.filter((row) => row.pipelineId === pipeline.id);
      const pipelineCounts = statusCounts(mine);
      const finished = pipelineCounts.succeeded + pipelineCounts.failed + pipelineCounts.cancelled;
      const lastFailure = mine.find((row) => row.status === 'failed')?.lastUpdatedAt ?? null;
      return {
        id: pipeline.id,
        title: pipeline.title,
        counts: pipelineCounts,
        total: mine.reduce((sum, row) => sum + row.count, 0),
        failureRate: finished ? pipelineCounts.failed / finished : null,
        lastFailureAt: lastFailure?.toISOString() ?? null,
      };
    }),
    workers: workers.map((worker) => ({
      workerId: worker.workerId,
      hostname: worker.hostname,
      pid: worker.pid,
      concurrency: worker.concurrency,
      lastSeenAt: worker.lastSeenAt.toISOString(),
      alive: now.getTime() - worker.lastSeenAt.getTime() <= WORKER_STALE_MS,
    })),
  };
}

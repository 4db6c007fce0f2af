import type { Pipeline } from '../core/definition/define-pipeline';
import { createEngine, type Engine } from '../core/engine';
import { silentLogger } from '../core/logger';
import { isTerminal } from '../core/runs/transition/run-status';
import { getRun } from '../db/queries/get-run';
import type { RunRecord } from '../db/queries/run-record';
import type { RunStatus } from '../db/schema';
import { startWorker, type WorkerHandle } from '../worker/run-worker';
import type { TestDatabase } from './test-database';

/** The engine over a test database (which stays open: the test file drops it). */
export function testEngine(db: TestDatabase, pipelines: readonly Pipeline[]): Engine {
  return createEngine({ database: db, pipelines, logger: silentLogger });
}

/** A real graphile-worker against the test database, tuned for fast tests. */
export function testWorker(
  db: TestDatabase,
  engine: Engine,
  overrides: Partial<Parameters<typeof startWorker>[0]> = {},
): Promise<WorkerHandle> {
  return startWorker({
    databaseUrl: db.url,
    pipelines: engine.registry.all(),
    logger: silentLogger,
    concurrency: 4,
    pollIntervalMs: 100,
    heartbeatMs: 250,
    staleAfterMs: 1_000,
    shutdownGraceMs: 1_000,
    schedules: false,
    ...overrides,
  });
}

/** Polls the run until `predicate` holds (by default: a terminal status). No fixed sleeps. */
export async function waitForRun(
  engine: Engine,
  runId: string,
  predicate: (run: RunRecord) => boolean = (run) => isTerminal(run.status),
  timeoutMs = 20_000,
): Promise<RunRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRun(engine.db, runId);
    if (run && predicate(run)) return run;
    if (Date.now() > deadline) {
      throw new Error(
        `run ${runId} did not reach the expected condition: state ${run?.state}, status ${run?.status}`,
      );
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const hasStatus = (status: RunStatus) => (run: RunRecord) => run.status === status;
export const inState = (state: string) => (run: RunRecord) => run.state === state;

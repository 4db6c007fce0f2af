import { test as base, expect } from '@playwright/test';
import type { Engine } from '../core/engine';
import { silentLogger } from '../core/logger';
import { PipelineRegistry } from '../core/pipeline/pipeline-registry';
import { isTerminal } from '../core/runs/run-status';
import { startRun } from '../core/runs/start-run';
import { createDatabase, type Database } from '../db/client';
import { startEmbeddedPostgres } from '../db/embedded/embedded-postgres';
import { getRun } from '../db/queries/get-run';
import type { RunRecord } from '../db/queries/run-record';
import { allPipelines } from '../pipelines/all-pipelines';
import { E2E } from '../playwright.config';

interface Seed {
  engine: Engine;
  /** Starts a run through `core`, as an API client or a schedule would. */
  startRun(pipelineId: string, input: Record<string, unknown>, idempotencyKey?: string): Promise<RunRecord>;
  /** Polls the database (not the page) until the run satisfies `predicate`. */
  waitForRun(runId: string, predicate?: (run: RunRecord) => boolean): Promise<RunRecord>;
}

/**
 * Seeds data through `core` against the console's own database: the embedded PostgreSQL that the
 * web server started (we join it, and leave it running).
 */
export const test = base.extend<object, { seed: Seed }>({
  seed: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their dependencies.
    async ({}, use) => {
      const server = await startEmbeddedPostgres({ home: E2E.home, port: E2E.pgPort, database: 'signalbox' });
      const database: Database = createDatabase(server.url, { max: 2, applicationName: 'signalbox-e2e' });
      const engine: Engine = {
        db: database.db,
        registry: new PipelineRegistry(allPipelines),
        logger: silentLogger,
      };
      await use({
        engine,
        startRun: async (pipelineId, input, idempotencyKey) =>
          (await startRun(engine, { pipelineId, input, idempotencyKey }, 'e2e-seed')).run,
        waitForRun: async (runId, predicate = (run) => isTerminal(run.status)) => {
          let current: RunRecord | undefined;
          await expect
            .poll(
              async () => {
                current = await getRun(engine.db, runId);
                return current !== undefined && predicate(current);
              },
              { timeout: 20_000 },
            )
            .toBe(true);
          return current!;
        },
      });
      await database.close();
    },
    { scope: 'worker' },
  ],
});

export { expect };

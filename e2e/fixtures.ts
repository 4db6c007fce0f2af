import { randomUUID } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';
import type { Engine } from '../core/engine';
import { silentLogger } from '../core/logger';
import { PipelineRegistry } from '../core/pipeline/pipeline-registry';
import { type AttemptEntry, getRunAttempts } from '../core/runs/get-run-history';
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
  /** Polls the database until one of the run's step attempts satisfies `predicate`. */
  waitForAttempt(runId: string, predicate: (attempt: AttemptEntry) => boolean): Promise<AttemptEntry>;
}

interface Helpers {
  /**
   * Saves a full-page screenshot under the test's output directory (test-results/e2e/…), numbered in
   * the order taken. Waits for the diagrams on the page to be drawn first, so the picture is the one a
   * user sees.
   */
  capture(page: Page, name: string): Promise<void>;
  /** A name no other test uses: both workers share one database, and its runs stay there. */
  unique(prefix: string): string;
}

/**
 * Seeds data through `core` against the console's own database: the embedded PostgreSQL that the
 * web server started (we join it, and leave it running).
 */
export const test = base.extend<Helpers, { seed: Seed }>({
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
        waitForAttempt: async (runId, predicate) => {
          let found: AttemptEntry | undefined;
          await expect
            .poll(
              async () => {
                found = (await getRunAttempts(engine, runId)).find(predicate);
                return found !== undefined;
              },
              { timeout: 20_000 },
            )
            .toBe(true);
          return found!;
        },
      });
      await database.close();
    },
    { scope: 'worker' },
  ],

  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their dependencies.
  capture: async ({}, use, testInfo) => {
    let taken = 0;
    await use(async (page, name) => {
      taken += 1;
      await expect(page.locator('.diagram-canvas[data-rendered="false"]')).toHaveCount(0);
      const file = `${String(taken).padStart(2, '0')}-${name.replace(/[^a-z0-9-]+/gi, '-')}.png`;
      await page.screenshot({ path: testInfo.outputPath(file), fullPage: true });
    });
  },

  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their dependencies.
  unique: async ({}, use) => {
    await use((prefix) => `${prefix}-${randomUUID().slice(0, 8)}`);
  },
});

export { expect };

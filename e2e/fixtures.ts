import { randomUUID } from 'node:crypto';
import { type BrowserContext, test as base, expect, type Page } from '@playwright/test';
import type { AttemptEntry } from '../contracts/run-page';
import type { AuthServices } from '../core/auth/auth-services';
import { createAuth } from '../core/auth/create-auth';
import type { Role } from '../core/auth/roles';
import { createUser, generatePassword } from '../core/auth/users/create-user';
import { createEngine, type Engine } from '../core/engine';
import { silentLogger } from '../core/logger';
import { getRunPage } from '../core/runs/get-run-page';
import { startRun } from '../core/runs/start-run';
import { isTerminal } from '../core/runs/transition/run-status';
import { startEmbeddedPostgres } from '../db/embedded/embedded-postgres';
import { getRun } from '../db/queries/get-run';
import type { RunRecord } from '../db/queries/run-record';
import { allPipelines } from '../pipelines/all-pipelines';
import { E2E } from '../playwright.config';
import { actor } from '../test-support/test-actors';

/** Who the browser tests' seeding acts as. */
const E2E_SEED = actor('e2e-seed');

interface Seed {
  engine: Engine;
  /** Starts a run through `core`, as an API client or a schedule would. */
  startRun(pipelineId: string, input: Record<string, unknown>, idempotencyKey?: string): Promise<RunRecord>;
  /** Polls the database (not the page) until the run satisfies `predicate`. */
  waitForRun(runId: string, predicate?: (run: RunRecord) => boolean): Promise<RunRecord>;
  /** Polls the database until one of the run's step attempts satisfies `predicate`. */
  waitForAttempt(runId: string, predicate: (attempt: AttemptEntry) => boolean): Promise<AttemptEntry>;
}

export interface Account {
  email: string;
  password: string;
  role: Role;
}

interface Auth {
  /** Creates a person through `core` (audited as `e2e-seed`), with a known password. */
  createAccount(role: Role): Promise<Account>;
  /** Signs in through `POST /api/session` (not the form) and returns the browser state with the cookie. */
  signedInState(account: Account): Promise<StorageState>;
  /** The worker's operator, whose session the default `page`, `context` and `request` use. */
  operatorState: StorageState;
  operator: Account;
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

interface Helpers {
  /** A fresh browser context and page signed in as a new person with `role`. */
  signInAs(role: Role): Promise<{ context: BrowserContext; page: Page; account: Account }>;
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
export const test = base.extend<Helpers, { seed: Seed; auth: Auth }>({
  seed: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their dependencies.
    async ({}, use) => {
      const server = await startEmbeddedPostgres({ home: E2E.home, port: E2E.pgPort, database: 'signalbox' });
      const engine = createEngine({
        database: server.url,
        pool: { max: 2, applicationName: 'signalbox-e2e' },
        pipelines: allPipelines,
        logger: silentLogger,
      });
      await use({
        engine,
        startRun: async (pipelineId, input, idempotencyKey) =>
          (await startRun(engine, { pipelineId, input, idempotencyKey }, E2E_SEED)).run,
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
                found = (await getRunPage(engine, runId, E2E_SEED)).attempts.find(predicate);
                return found !== undefined;
              },
              { timeout: 20_000 },
            )
            .toBe(true);
          return found!;
        },
      });
      await engine.close();
    },
    { scope: 'worker' },
  ],

  auth: [
    async ({ seed, playwright }, use, workerInfo) => {
      const services: AuthServices = {
        engine: seed.engine,
        // Only used to create users here (password hashing needs no secret shared with the server).
        config: {
          secret: 'e2e'.repeat(12),
          baseUrl: E2E.baseURL,
          idleTimeoutMinutes: 30,
          maxSessionHours: 12,
        },
        auth: createAuth(seed.engine.db, {
          secret: 'e2e'.repeat(12),
          baseUrl: E2E.baseURL,
          idleTimeoutMinutes: 30,
          maxSessionHours: 12,
        }),
      };
      const createAccount = async (role: Role): Promise<Account> => {
        const email = `${role}-w${workerInfo.workerIndex}-${randomUUID().slice(0, 8)}@e2e.test`;
        const password = generatePassword();
        await createUser(services, { email, role, password }, E2E_SEED);
        return { email, password, role };
      };
      const signedInState = async (account: Account): Promise<StorageState> => {
        const api = await playwright.request.newContext({ baseURL: E2E.baseURL });
        const response = await api.post('/api/session', {
          data: { email: account.email, password: account.password },
        });
        expect(response.status(), `sign-in of ${account.email}`).toBe(204);
        const state = await api.storageState();
        await api.dispose();
        return state;
      };
      const operator = await createAccount('operator');
      const operatorState = await signedInState(operator);
      await use({ createAccount, signedInState, operatorState, operator });
    },
    { scope: 'worker' },
  ],

  // Every test is an operator unless it signs in as someone else.
  storageState: async ({ auth }, use) => {
    await use(auth.operatorState);
  },

  request: async ({ playwright, auth }, use) => {
    const request = await playwright.request.newContext({
      baseURL: E2E.baseURL,
      storageState: auth.operatorState,
    });
    await use(request);
    await request.dispose();
  },

  signInAs: async ({ browser, auth }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (role) => {
      const account = await auth.createAccount(role);
      const context = await browser.newContext({ storageState: await auth.signedInState(account) });
      contexts.push(context);
      return { context, page: await context.newPage(), account };
    });
    for (const context of contexts) await context.close();
  },

  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their dependencies.
  capture: async ({}, use, testInfo) => {
    let taken = 0;
    await use(async (page, name) => {
      taken += 1;
      // A first drawing loads Mermaid and ELK (about 3 s on an idle machine, several times that
      // while the other browser lays out a large diagram): wait for it longer than for a locator.
      await expect(page.locator('.diagram-canvas[data-rendered="false"]')).toHaveCount(0, {
        timeout: 30_000,
      });
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

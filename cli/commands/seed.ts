import { join } from 'node:path';
import type { Actor } from '../../core/auth/actor';
import { createSystemActor } from '../../core/auth/system-actor';
import type { Engine } from '../../core/engine';
import { startRun } from '../../core/runs/start-run';
import { runExists } from '../../db/queries/run-exists';
import { type CliContext, withEngine } from '../context';
import { seedHealthDemo } from './seed-health-demo';

/**
 * Demo runs: a few of each example pipeline, one of them set up to fail once, and the health-data
 * demo (lab CSVs and a FHIR bundle covering every ingestion outcome). With `inboxDir`, the demo's
 * duplicate file goes through the inbox. Idempotent: seeding twice starts nothing new.
 */
export async function seedRuns(
  engine: Engine,
  by: Actor,
  options: { inboxDir?: string } = {},
): Promise<number> {
  const requests = [
    { pipelineId: 'hello-etl', input: { source: 'demo/customers.csv', rows: 1200 } },
    { pipelineId: 'hello-etl', input: { source: 'demo/orders.csv', rows: 5400, stepDelayMs: 800 } },
    { pipelineId: 'hello-etl', input: { source: 'demo/broken.csv', rows: 10, simulateFailures: 1 } },
    { pipelineId: 'document-review', input: { documentId: 'DOC-1001', title: 'Quarterly report' } },
    { pipelineId: 'document-review', input: { documentId: 'DOC-1002', title: 'Supplier contract' } },
  ];
  for (const [index, request] of requests.entries()) {
    await startRun(engine, { ...request, idempotencyKey: `seed-${index}` }, by);
  }
  return requests.length + (await seedHealthDemo(engine, by, options));
}

/** Demo runs are recorded as started by `seed`. */
const SEED_ACTOR = createSystemActor('seed');

const inboxOf = (ctx: CliContext) => join(ctx.env.SIGNALBOX_HOME, 'inbox');

export async function seedCommand(ctx: CliContext): Promise<void> {
  await withEngine(ctx, async (engine) => {
    const count = await seedRuns(engine, SEED_ACTOR, { inboxDir: inboxOf(ctx) });
    ctx.logger.info(
      { count },
      'demo runs started (a worker runs them: `signalbox start` or `signalbox worker`)',
    );
  });
}

/** `signalbox start` on an empty database seeds the demo, so a new user sees runs at once. */
export async function seedIfEmpty(ctx: CliContext, engine: Engine): Promise<void> {
  if (await runExists(engine.db)) return;
  const count = await seedRuns(engine, SEED_ACTOR, { inboxDir: inboxOf(ctx) });
  ctx.logger.info({ count }, 'empty database: started demo runs');
}

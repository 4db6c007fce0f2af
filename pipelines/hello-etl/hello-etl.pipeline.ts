import { z } from 'zod';
import { definePipeline } from '../../core/definition/define-pipeline';
import { sleep } from '../../core/definition/sleep';
import { helloEtlMachine } from './hello-etl.machine';

export const HelloEtlInputSchema = z.object({
  source: z.string().trim().min(1, 'source is required').max(200),
  rows: z.number().int().min(0).max(1_000_000).default(100),
  simulateFailures: z.number().int().min(0).max(5).default(0),
  stepDelayMs: z.number().int().min(0).max(60_000).default(300),
});

/** The machine context, checked when an operator forks a run with an edited context. */
export const HelloEtlContextSchema = z.object({
  source: z.string().min(1),
  extracted: z.number().int().min(0),
  transformed: z.number().int().min(0),
  loaded: z.number().int().min(0),
  transformFailures: z.number().int().min(0),
});

export const helloEtl = definePipeline({
  id: 'hello-etl',
  version: 1,
  title: 'Hello ETL',
  description: 'A linear extract → transform → load pipeline: the smallest useful Signalbox pipeline.',
  input: HelloEtlInputSchema,
  context: HelloEtlContextSchema,
  machine: helloEtlMachine,
  steps: {
    extract: {
      timeoutMs: 60_000,
      async run({ input, signal, log }) {
        log.info(`reading ${input.rows} rows`);
        await sleep(input.stepDelayMs, signal);
        return { rows: input.rows };
      },
    },
    transform: {
      maxAttempts: 2,
      backoff: { initialMs: 200, maxMs: 1_000 },
      async run({ input, context, signal, log, attempt }) {
        await sleep(input.stepDelayMs, signal);
        if (context.transformFailures < input.simulateFailures) {
          log.warn(`simulated failure (attempt ${attempt})`);
          throw new Error('simulated transform failure');
        }
        log.info(`transformed ${context.extracted} rows`);
        return { rows: context.extracted };
      },
    },
    load: {
      async run({ context, input, signal, log, idempotencyKey }) {
        await sleep(input.stepDelayMs, signal);
        log.info(`loaded ${context.transformed} rows with key ${idempotencyKey}`);
        return { rows: context.transformed };
      },
    },
  },
  schedules: [
    {
      name: 'hourly',
      cron: '0 * * * *',
      input: { source: 'hourly-cron', rows: 10, simulateFailures: 0, stepDelayMs: 100 },
    },
  ],
});

import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup } from 'xstate';
import { z } from 'zod';
import { definePipeline, type StepContext, type StepEvents } from '../../core/definition/define-pipeline';
import { sleep } from '../../core/definition/sleep';

export const CHAOS_PIPELINE = 'chaos-five';
const STEPS = ['one', 'two', 'three', 'four', 'five'] as const;
type Step = (typeof STEPS)[number];

/**
 * Five steps in a row, each waiting `stepMs` (± `jitterMs`). Every execution of a handler is written
 * to a ledger file (one per worker process, under CHAOS_LEDGER_DIR) when it starts and when it ends,
 * so a scenario can count executions and find two of the same step attempt running at once: the
 * external side effect the engine must not double.
 */
const machine = setup({
  types: {
    input: {} as { stepMs: number; jitterMs: number },
    context: {} as { stepMs: number; jitterMs: number },
    events: {} as StepEvents<Record<Step, null>>,
  },
}).createMachine({
  id: CHAOS_PIPELINE,
  initial: 'one',
  context: ({ input }) => ({ stepMs: input.stepMs, jitterMs: input.jitterMs }),
  states: {
    one: { meta: { step: 'one' }, on: { 'step.one.done': 'two', 'step.one.failed': 'failed' } },
    two: { meta: { step: 'two' }, on: { 'step.two.done': 'three', 'step.two.failed': 'failed' } },
    three: { meta: { step: 'three' }, on: { 'step.three.done': 'four', 'step.three.failed': 'failed' } },
    four: { meta: { step: 'four' }, on: { 'step.four.done': 'five', 'step.four.failed': 'failed' } },
    five: { meta: { step: 'five' }, on: { 'step.five.done': 'done', 'step.five.failed': 'failed' } },
    done: { type: 'final' },
    failed: { type: 'final', tags: ['failed'] },
  },
});

/** One line of the ledger: an execution of a step attempt starting, or ending (with how). */
export interface LedgerLine {
  key: string;
  pid: number;
  at: number;
  event: 'start' | 'end';
  outcome?: 'ok' | 'aborted';
}

function record(line: Omit<LedgerLine, 'pid' | 'at'>): void {
  const dir = process.env.CHAOS_LEDGER_DIR;
  if (!dir) return;
  const full: LedgerLine = { ...line, pid: process.pid, at: Date.now() };
  appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify(full)}\n`);
}

async function work(ctx: StepContext<{ stepMs: number; jitterMs: number }, unknown>): Promise<null> {
  record({ key: ctx.idempotencyKey, event: 'start' });
  const ms = Math.max(0, ctx.input.stepMs + Math.round((Math.random() * 2 - 1) * ctx.input.jitterMs));
  try {
    await sleep(ms, ctx.signal);
  } catch (error) {
    record({ key: ctx.idempotencyKey, event: 'end', outcome: 'aborted' });
    throw error;
  }
  record({ key: ctx.idempotencyKey, event: 'end', outcome: 'ok' });
  return null;
}

export const chaosPipeline = definePipeline({
  id: CHAOS_PIPELINE,
  version: 1,
  title: 'Chaos: five steps',
  description: 'Five steps in a row, for fault-injection scenarios.',
  input: z.object({
    stepMs: z.number().int().min(0).max(600_000).default(100),
    jitterMs: z.number().int().min(0).max(600_000).default(50),
  }),
  machine,
  steps: Object.fromEntries(
    STEPS.map((step) => [step, { timeoutMs: 900_000, maxAttempts: 3, run: work }]),
  ) as Record<Step, { timeoutMs: number; maxAttempts: number; run: typeof work }>,
});

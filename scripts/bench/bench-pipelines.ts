// The pipelines the benchmark runs: chains of no-op steps and a parallel fan-out. Their handlers do no
// work, so what is measured is the engine. A run whose input says `probe` reports the moment its
// first step starts to the benchmark's driver (dispatch latency), through the worker process's IPC.
import { type AnyStateMachine, setup } from 'xstate';
import { z } from 'zod';
import { definePipeline, type Pipeline, type StepDefinition } from '../../core/definition/define-pipeline';

export const BenchInputSchema = z.object({ probe: z.string().optional() });

/** What a probed step sends its process's parent: when (monotonic clock, ns) the handler started. */
export interface StepStartedMessage {
  t: 'step-started';
  key: string;
  at: string;
}

/** Reports the handler's start to the parent process, when the run asked for it. */
export function reportStepStart(probe: string | undefined): void {
  if (probe === undefined || !process.send) return;
  const message: StepStartedMessage = {
    t: 'step-started',
    key: probe,
    at: process.hrtime.bigint().toString(),
  };
  process.send(message);
}

const noop: StepDefinition<z.output<typeof BenchInputSchema>> = {
  run: async ({ input, attempt, state }) => {
    if (attempt === 1 && (state === 's0' || state === 'fan.b0.work')) reportStepStart(input.probe);
    return null;
  },
};

export const chainPipelineId = (steps: number) => `bench-chain-${steps}`;
export const FAN_OUT_PIPELINE_ID = 'bench-fan-out';

/** A run of `steps` no-op steps in a row: s0 → s1 → … → done. */
export function chainPipeline(steps: number): Pipeline {
  const states: Record<string, object> = {};
  for (let i = 0; i < steps; i++) {
    const next = i + 1 < steps ? `s${i + 1}` : 'done';
    states[`s${i}`] = {
      meta: { step: `step${i}` },
      on: { [`step.step${i}.done`]: next, [`step.step${i}.failed`]: 'failed' },
    };
  }
  states.done = { type: 'final' };
  states.failed = { type: 'final', tags: ['failed'] };
  const machine: AnyStateMachine = setup({}).createMachine({
    id: chainPipelineId(steps),
    initial: 's0',
    states,
  });
  return definePipeline({
    id: chainPipelineId(steps),
    version: 1,
    title: `Bench: ${steps} steps`,
    description: `${steps} no-op steps in a row`,
    input: BenchInputSchema,
    machine,
    steps: Object.fromEntries(Array.from({ length: steps }, (_, i) => [`step${i}`, noop])),
  });
}

/** A run whose parallel state starts `branches` no-op steps at once and ends when all are done. */
export function fanOutPipeline(branches: number): Pipeline {
  const regions: Record<string, object> = {};
  for (let i = 0; i < branches; i++) {
    regions[`b${i}`] = {
      initial: 'work',
      states: {
        // A step of its own per region: a `step.<name>.done` event is seen by every region, so
        // with one shared name the first step's end would finish every region still working.
        work: {
          meta: { step: `leaf${i}` },
          on: { [`step.leaf${i}.done`]: 'ok', [`step.leaf${i}.failed`]: 'ok' },
        },
        ok: { type: 'final' },
      },
    };
  }
  const machine: AnyStateMachine = setup({}).createMachine({
    id: FAN_OUT_PIPELINE_ID,
    initial: 'fan',
    states: { fan: { type: 'parallel', states: regions, onDone: 'done' }, done: { type: 'final' } },
  });
  return definePipeline({
    id: FAN_OUT_PIPELINE_ID,
    version: 1,
    title: `Bench: fan-out of ${branches}`,
    description: `a parallel state of ${branches} no-op steps`,
    input: BenchInputSchema,
    machine,
    steps: Object.fromEntries(Array.from({ length: branches }, (_, i) => [`leaf${i}`, noop])),
  });
}

/** Every pipeline a benchmark worker serves. */
export function benchPipelines(shape: { chains: readonly number[]; fanOut: number }): Pipeline[] {
  return [...shape.chains.map(chainPipeline), fanOutPipeline(shape.fanOut)];
}

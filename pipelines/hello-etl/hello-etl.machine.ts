import { assign, setup } from 'xstate';
import type { StepEvents } from '../../core/definition/define-pipeline';

export interface HelloEtlInput {
  source: string;
  rows: number;
  /** Demo knob: how many times `transform` fails for good before it succeeds (see retry in the console). */
  simulateFailures: number;
  /** Demo knob: how long each step takes. */
  stepDelayMs: number;
}

export interface HelloEtlContext {
  source: string;
  extracted: number;
  transformed: number;
  loaded: number;
  transformFailures: number;
}

/**
 * A linear extract → transform → load pipeline. Each working state runs one step; a step that fails
 * for good lands the run in `failed`, from where an operator can retry it.
 */
export const helloEtlMachine = setup({
  types: {
    input: {} as HelloEtlInput,
    context: {} as HelloEtlContext,
    events: {} as StepEvents<{
      extract: { rows: number };
      transform: { rows: number };
      load: { rows: number };
    }>,
  },
  actions: {
    recordExtracted: assign({
      extracted: ({ event }) => (event.type === 'step.extract.done' ? event.output.rows : 0),
    }),
    recordTransformed: assign({
      transformed: ({ event }) => (event.type === 'step.transform.done' ? event.output.rows : 0),
    }),
    recordLoaded: assign({
      loaded: ({ event }) => (event.type === 'step.load.done' ? event.output.rows : 0),
    }),
    countTransformFailure: assign({ transformFailures: ({ context }) => context.transformFailures + 1 }),
  },
}).createMachine({
  id: 'hello-etl',
  initial: 'extracting',
  context: ({ input }) => ({
    source: input.source,
    extracted: 0,
    transformed: 0,
    loaded: 0,
    transformFailures: 0,
  }),
  states: {
    /** Reads the rows from the source. */
    extracting: {
      meta: { step: 'extract' },
      on: {
        'step.extract.done': { target: 'transforming', actions: 'recordExtracted' },
        'step.extract.failed': 'failed',
      },
    },
    /** Cleans and reshapes the rows. */
    transforming: {
      meta: { step: 'transform' },
      on: {
        'step.transform.done': { target: 'loading', actions: 'recordTransformed' },
        'step.transform.failed': { target: 'failed', actions: 'countTransformFailure' },
      },
    },
    /** Writes the rows to the destination. */
    loading: {
      meta: { step: 'load' },
      on: {
        'step.load.done': { target: 'done', actions: 'recordLoaded' },
        'step.load.failed': 'failed',
      },
    },
    done: { type: 'final' },
    failed: { type: 'final', tags: ['failed'] },
  },
});

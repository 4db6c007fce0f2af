import { createMachine, setup } from 'xstate';
import type { CorpusMachine } from './corpus-machine';

/** Compound, parallel, final and history shapes: the structure Mermaid has to nest. */
export const shapeMachines: CorpusMachine[] = [
  {
    name: 'linear steps',
    machine: createMachine({
      id: 'linear',
      initial: 'extracting',
      states: {
        extracting: {
          meta: { step: 'extract' },
          on: { 'step.extract.done': 'loading', 'step.extract.failed': 'failed' },
        },
        loading: { meta: { step: 'load' }, on: { 'step.load.done': 'done', 'step.load.failed': 'failed' } },
        done: { type: 'final' },
        failed: { type: 'final', tags: ['failed'] },
      },
    }),
  },
  {
    name: 'compound with onDone',
    machine: createMachine({
      id: 'compound',
      initial: 'outer',
      states: {
        outer: {
          initial: 'inner',
          states: {
            inner: {
              initial: 'a',
              states: { a: { on: { next: 'b' } }, b: { type: 'final' } },
              onDone: 'finishing',
            },
            finishing: { type: 'final' },
          },
          onDone: 'complete',
        },
        complete: { type: 'final' },
      },
    }),
  },
  {
    name: 'parallel with onDone',
    machine: createMachine({
      id: 'checks',
      initial: 'checking',
      states: {
        checking: {
          type: 'parallel',
          states: {
            virus: {
              initial: 'scanning',
              states: { scanning: { on: { clean: 'ok' } }, ok: { type: 'final' } },
            },
            size: {
              initial: 'measuring',
              states: { measuring: { on: { small: 'ok' } }, ok: { type: 'final' } },
            },
          },
          onDone: 'accepted',
        },
        accepted: { type: 'final' },
      },
    }),
  },
  {
    name: 'parallel root',
    machine: createMachine({
      id: 'dashboard',
      type: 'parallel',
      states: {
        sync: {
          initial: 'idle',
          states: { idle: { on: { pull: 'pulling' } }, pulling: { on: { pulled: 'idle' } } },
        },
        ui: {
          initial: 'light',
          states: { light: { on: { toggle: 'dark' } }, dark: { on: { toggle: 'light' } } },
        },
      },
    }),
  },
  {
    name: 'nested parallel',
    machine: createMachine({
      id: 'nested-par',
      initial: 'work',
      states: {
        work: {
          type: 'parallel',
          states: {
            left: {
              type: 'parallel',
              states: {
                l1: { initial: 'x', states: { x: { on: { go: 'y' } }, y: {} } },
                l2: { initial: 'x', states: { x: { on: { go: 'y' } }, y: {} } },
              },
            },
            right: { initial: 'p', states: { p: { on: { step: 'q' } }, q: { type: 'final' } } },
          },
          on: { stop: 'stopped' },
        },
        stopped: { type: 'final' },
      },
    }),
  },
  {
    name: 'shallow history with default target',
    machine: createMachine({
      id: 'player',
      initial: 'on',
      states: {
        on: {
          initial: 'playing',
          states: {
            playing: { on: { pause: 'paused' } },
            paused: { on: { play: 'playing' } },
            hist: { type: 'history', history: 'shallow', target: 'paused' },
          },
          on: { power: 'off' },
        },
        off: { on: { power: 'on.hist' } },
      },
    }),
  },
  {
    name: 'deep history without target',
    machine: createMachine({
      id: 'editor',
      initial: 'editing',
      states: {
        editing: {
          initial: 'text',
          states: {
            text: {
              initial: 'plain',
              states: { plain: { on: { bold: 'bold' } }, bold: { on: { plain: 'plain' } } },
              on: { insert: 'image' },
            },
            image: { on: { done: 'text' } },
            deep: { type: 'history', history: 'deep' },
          },
          on: { preview: 'previewing' },
        },
        previewing: { on: { back: 'editing.deep' } },
      },
    }),
  },
  {
    name: 'history directly in a parallel state',
    machine: createMachine({
      id: 'media',
      initial: 'active',
      states: {
        active: {
          type: 'parallel',
          states: {
            audio: { initial: 'muted', states: { muted: { on: { unmute: 'audible' } }, audible: {} } },
            video: { initial: 'hidden', states: { hidden: { on: { show: 'shown' } }, shown: {} } },
            remembered: { type: 'history', history: 'deep', target: 'video.shown' },
          },
          on: { suspend: 'suspended' },
        },
        suspended: { on: { resume: 'active.remembered' } },
      },
    }),
  },
  {
    name: 'final states with onDone at every level',
    machine: setup({ guards: { complete: () => true } }).createMachine({
      id: 'order',
      initial: 'placing',
      states: {
        placing: {
          initial: 'cart',
          states: {
            cart: { on: { checkout: 'paying' } },
            paying: {
              initial: 'card',
              states: { card: { on: { approved: 'paid' } }, paid: { type: 'final' } },
              onDone: { guard: 'complete', target: 'placed' },
            },
            placed: { type: 'final' },
          },
          onDone: 'shipping',
        },
        shipping: { on: { delivered: 'delivered' } },
        delivered: { type: 'final' },
      },
    }),
  },
];

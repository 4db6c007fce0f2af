import { and, createMachine, fromPromise, not, or, setup, stateIn } from 'xstate';
import type { CorpusMachine } from './corpus-machine';

const guards = {
  greaterThan: (_: unknown, params: { limit: number }) => params.limit > 0,
  isSmall: () => true,
  isBig: () => false,
  ready: () => true,
};

/** Every kind of edge: eventless, delayed, multi-target, wildcard, re-entering, to ancestors and back. */
export const transitionMachines: CorpusMachine[] = [
  {
    name: 'eventless with guards',
    machine: setup({ guards }).createMachine({
      id: 'router',
      initial: 'deciding',
      states: {
        deciding: {
          always: [
            { guard: { type: 'greaterThan', params: { limit: 10 } }, target: 'big' },
            { guard: and(['isSmall', or(['isBig', not('ready')])]), target: 'small' },
            { target: 'unknown' },
          ],
        },
        big: { type: 'final' },
        small: { type: 'final' },
        unknown: { always: { guard: 'ready', target: 'deciding' } },
      },
    }),
  },
  {
    name: 'delayed transitions',
    machine: setup({ delays: { backoff: 2_000 } }).createMachine({
      id: 'poller',
      initial: 'waiting',
      states: {
        waiting: { after: { 500: 'polling' } },
        polling: { on: { found: 'done' }, after: { backoff: 'waiting', 60000: 'timedOut' } },
        done: { type: 'final' },
        timedOut: { type: 'final' },
      },
    }),
  },
  {
    name: 'multi-target into parallel regions',
    machine: createMachine({
      id: 'multi',
      initial: 'idle',
      states: {
        idle: { on: { both: { target: ['busy.a.running', 'busy.b.running'] } } },
        busy: {
          type: 'parallel',
          states: {
            a: {
              initial: 'waiting',
              states: { waiting: {}, running: { on: { crossed: '#multi.busy.b.waiting' } } },
            },
            b: { initial: 'waiting', states: { waiting: {}, running: {} } },
          },
          on: { stop: 'idle' },
        },
      },
    }),
  },
  {
    name: 'wildcard and root transitions',
    machine: createMachine({
      id: 'catchall',
      initial: 'listening',
      on: { cancel: '.cancelled' },
      states: {
        listening: { on: { hello: 'greeted', '*': 'confused' } },
        greeted: { type: 'final' },
        confused: { on: { retry: 'listening' } },
        cancelled: { type: 'final' },
      },
    }),
  },
  {
    name: 're-entering transitions',
    machine: createMachine({
      id: 'reenter',
      initial: 'form',
      states: {
        form: {
          initial: 'editing',
          states: { editing: { on: { save: 'saving' } }, saving: { on: { saved: 'editing' } } },
          on: { reset: { target: 'form', reenter: true } },
        },
        timer: { on: { tick: { target: 'timer', reenter: true }, stop: 'form' } },
      },
    }),
  },
  {
    name: 'compound to its own descendant and back',
    machine: createMachine({
      id: 'wizard',
      initial: 'steps',
      states: {
        steps: {
          initial: 'one',
          states: {
            one: { on: { next: 'two' } },
            two: {
              initial: 'draft',
              states: { draft: { on: { restart: '#wizard.steps' } }, review: {} },
              on: { approve: 'three' },
            },
            three: { on: { again: '#wizard.steps.two' } },
          },
          on: { jump: '.three', skip: '.two.review' },
        },
      },
    }),
  },
  {
    name: 'two self-transitions on one state',
    machine: createMachine({
      id: 'loops',
      initial: 'idle',
      states: {
        idle: { on: { ping: 'idle', pong: 'idle', refresh: { target: 'idle', reenter: true }, go: 'busy' } },
        busy: { on: { tick: 'busy', done: 'idle' } },
      },
    }),
  },
  {
    name: 'transition to the machine itself',
    machine: createMachine({
      id: 'kiosk',
      initial: 'welcome',
      on: { reboot: '#kiosk' },
      states: {
        welcome: { on: { start: 'menu' } },
        menu: {
          initial: 'list',
          states: { list: { on: { pick: 'item' } }, item: { on: { home: '#kiosk' } } },
        },
      },
    }),
  },
  {
    name: 'guards with params, helpers and stateIn',
    machine: setup({ guards }).createMachine({
      id: 'gatekeeper',
      type: 'parallel',
      states: {
        door: {
          initial: 'closed',
          states: {
            closed: {
              on: {
                open: [
                  { guard: stateIn({ lock: 'unlocked' }), target: 'opened' },
                  { guard: { type: 'greaterThan', params: { limit: 3 } }, target: 'alarm' },
                ],
              },
            },
            opened: { on: { close: { guard: not('isBig'), target: 'closed' } } },
            alarm: { on: { silence: { guard: ({ event }) => event.type === 'silence', target: 'closed' } } },
          },
        },
        lock: {
          initial: 'locked',
          states: { locked: { on: { unlock: 'unlocked' } }, unlocked: { on: { lock: 'locked' } } },
        },
      },
    }),
  },
  {
    name: 'invoked actors and targetless transitions',
    machine: setup({
      actors: { fetcher: fromPromise(async () => 42) },
      actions: { log: () => {} },
    }).createMachine({
      id: 'fetch',
      initial: 'loading',
      states: {
        loading: {
          invoke: { src: 'fetcher', onDone: 'ready', onError: 'error' },
          on: { progress: { actions: 'log' }, heartbeat: { actions: 'log' } },
        },
        ready: { type: 'final' },
        error: { on: { retry: 'loading' } },
      },
    }),
  },
];

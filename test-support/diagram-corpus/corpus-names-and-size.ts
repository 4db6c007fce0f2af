import { type AnyStateNodeConfig, createMachine } from 'xstate';
import type { CorpusMachine } from './corpus-machine';

/**
 * A machine of `groups` compound stages of `perGroup` steps each (plus `failed` and `done`): every
 * step can fail, each stage ends in a final state whose onDone starts the next, and an operator can
 * send any stage back to the first. `groups * (perGroup + 2) + 2` states in all.
 */
export function stagedMachine(id: string, groups: number, perGroup: number) {
  const stages: Record<string, AnyStateNodeConfig> = {};
  for (let g = 1; g <= groups; g++) {
    const steps: Record<string, AnyStateNodeConfig> = {};
    for (let s = 1; s <= perGroup; s++) {
      const next = s < perGroup ? `step${s + 1}` : 'complete';
      steps[`step${s}`] = {
        meta: { step: `stage${g}-step${s}` },
        on: { [`step.stage${g}-step${s}.done`]: next, [`step.stage${g}-step${s}.failed`]: `#${id}.failed` },
      };
    }
    steps.complete = { type: 'final' };
    stages[`stage${g}`] = {
      initial: 'step1',
      states: steps,
      onDone: g < groups ? `stage${g + 1}` : 'done',
      ...(g > 1 ? { on: { restart: 'stage1' } } : {}),
    };
  }
  return createMachine({
    id,
    initial: 'stage1',
    states: { ...stages, failed: { type: 'final', on: {} }, done: { type: 'final' } },
  });
}

/** Awkward names, deep nesting, colliding ids, and machines as large as operators meet. */
export const nameAndSizeMachines: CorpusMachine[] = [
  {
    name: 'Mermaid keywords as state names',
    machine: createMachine({
      id: 'keywords',
      initial: 'state',
      states: {
        state: { on: { note: 'end', class: 'default' } },
        end: { on: { direction: 'style' } },
        default: { on: { click: 'root' } },
        style: {
          initial: 'left',
          states: { left: { on: { right: 'right' } }, right: { type: 'final' } },
          onDone: 'root',
        },
        root: { type: 'final' },
      },
    }),
  },
  {
    name: 'spaces, dashes and non-ASCII',
    machine: createMachine({
      id: 'naïve-names',
      initial: 'waiting for input',
      states: {
        'waiting for input': { on: { 'user typed': 'pré-traitement', 'x-ray': 'x_ray' } },
        'pré-traitement': { on: { fertig: '検証中' } },
        x_ray: { on: { back: 'waiting for input' } },
        検証中: { on: { 完了: 'done ✓' } },
        'done ✓': { type: 'final' },
      },
    }),
  },
  {
    name: 'deep nesting',
    machine: createMachine({
      id: 'deep',
      initial: 'l1',
      states: {
        l1: {
          initial: 'l2',
          states: {
            l2: {
              initial: 'l3',
              states: {
                l3: {
                  initial: 'l4',
                  states: {
                    l4: {
                      initial: 'l5',
                      states: { l5: { on: { up: '#deep.top' } }, l5b: {} },
                      on: { sideways: '.l5b' },
                    },
                  },
                },
              },
            },
          },
        },
        top: { on: { down: 'l1.l2.l3.l4.l5b' } },
      },
    }),
  },
  {
    name: 'same names in different parents',
    machine: createMachine({
      id: 'twins',
      initial: 'a',
      states: {
        a: { initial: 'x', states: { x: { on: { go: '#twins.b.x' } }, y: {} } },
        b: { initial: 'x', states: { x: { on: { go: '#twins.a.y' } }, y: {} } },
        'a-b': { on: { go: 'a_b' } },
        a_b: {},
      },
    }),
  },
  {
    name: 'transitions across regions and out of them',
    machine: createMachine({
      id: 'regions',
      initial: 'running',
      states: {
        running: {
          type: 'parallel',
          states: {
            fetch: {
              initial: 'idle',
              states: { idle: { on: { start: 'busy' } }, busy: { on: { fail: '#regions.broken' } } },
            },
            render: { initial: 'blank', states: { blank: { on: { paint: '#regions.running.fetch.busy' } } } },
          },
        },
        broken: { on: { repair: 'running' } },
      },
    }),
  },
  { name: 'thirty states', machine: stagedMachine('thirty', 4, 5) },
  { name: 'forty-two states', machine: stagedMachine('forty-two', 5, 6) },
];

import { describe, expect, it } from 'vitest';
import { createMachine, setup } from 'xstate';
import { z } from 'zod';
import { definePipeline, stepStates } from './define-pipeline';
import { PipelineRegistry } from './pipeline-registry';

const machine = setup({}).createMachine({
  id: 'm',
  initial: 'a',
  // A parent may handle its children's step outcomes.
  on: { 'step.second.done': '.end', 'step.second.failed': '.end' },
  states: {
    a: {
      meta: { step: 'first' },
      on: { next: 'group', 'step.first.done': 'group', 'step.first.failed': 'end' },
    },
    group: { initial: 'b', states: { b: { meta: { step: 'second' } } } },
    end: { type: 'final' },
  },
});
const base = { id: 'demo', version: 1, title: 'Demo', description: 'd', input: z.object({}), machine };
const run = async () => null;

describe('definePipeline', () => {
  it('finds step states at any depth, in document order', () => {
    expect(stepStates(machine)).toEqual([
      { path: 'a', step: 'first' },
      { path: 'group.b', step: 'second' },
    ]);
  });

  it('fills in the step policy defaults', () => {
    const pipeline = definePipeline({ ...base, steps: { first: { run }, second: { run, maxAttempts: 5 } } });
    expect(pipeline.steps.get('first')).toMatchObject({
      maxAttempts: 3,
      timeoutMs: 300_000,
      backoff: { initialMs: 1_000 },
    });
    expect(pipeline.steps.get('second')!.maxAttempts).toBe(5);
  });

  it('rejects a state naming a step that does not exist', () => {
    expect(() => definePipeline({ ...base, steps: { first: { run } } })).toThrow(
      "state 'group.b' runs step 'second', which is not in steps",
    );
  });

  it('rejects a step no state runs, a bad id and a bad version', () => {
    expect(() =>
      definePipeline({ ...base, steps: { first: { run }, second: { run }, third: { run } } }),
    ).toThrow("step 'third' is not run by any state");
    expect(() => definePipeline({ ...base, id: 'Bad Id', steps: {} })).toThrow('must be kebab-case');
    expect(() => definePipeline({ ...base, version: 0, steps: {} })).toThrow('positive integer');
  });
});

describe('a concurrency limit', () => {
  const steps = { first: { run }, second: { run } };
  const keyed = z.object({ feed: z.string() });

  it('is per key with concurrencyKey, for the whole pipeline without, and absent by default', () => {
    const perFeed = definePipeline({
      ...base,
      input: keyed,
      steps,
      maxConcurrentRuns: 2,
      concurrencyKey: (input) => input.feed,
    });
    expect(perFeed.concurrency).toMatchObject({ maxConcurrentRuns: 2, keyed: true });
    expect(perFeed.concurrency!.keyOf({ feed: 'clinic-a' })).toBe('clinic-a');
    expect(perFeed.concurrency!.keyOf({ feed: 'x'.repeat(500) })).toHaveLength(200);
    const whole = definePipeline({ ...base, steps, maxConcurrentRuns: 3 });
    expect(whole.concurrency).toMatchObject({ maxConcurrentRuns: 3, keyed: false });
    expect(whole.concurrency!.keyOf({})).toBe('');
    expect(definePipeline({ ...base, steps }).concurrency).toBeNull();
  });

  it('must be a positive integer, and a key needs one', () => {
    expect(() => definePipeline({ ...base, steps, maxConcurrentRuns: 0 })).toThrow(
      "pipeline 'demo': maxConcurrentRuns must be an integer ≥ 1",
    );
    expect(() => definePipeline({ ...base, steps, maxConcurrentRuns: 1.5 })).toThrow('integer ≥ 1');
    expect(() =>
      definePipeline({ ...base, input: keyed, steps, concurrencyKey: (input) => input.feed }),
    ).toThrow("pipeline 'demo': concurrencyKey needs maxConcurrentRuns (the limit per key)");
  });
});

describe('definePipeline refuses machines the engine cannot run, naming the state', () => {
  const define = (states: Record<string, unknown>) =>
    definePipeline({
      ...base,
      machine: createMachine({ id: 'bad', initial: 'a', states: states as never }),
      steps: { first: { run } },
    });

  it('a step state that does not handle its done or failed event', () => {
    expect(() => define({ a: { meta: { step: 'first' }, on: { 'step.first.done': 'z' } }, z: {} })).toThrow(
      "pipeline 'demo': state 'a' runs step 'first' but does not handle 'step.first.failed'",
    );
    expect(() => define({ a: { meta: { step: 'first' }, on: { 'step.first.failed': 'z' } }, z: {} })).toThrow(
      "does not handle 'step.first.done'",
    );
  });

  it('one step in two regions of a parallel state (its done event would reach both)', () => {
    const region = {
      initial: 'w',
      states: {
        w: { meta: { step: 'first' }, on: { 'step.first.done': 'ok', 'step.first.failed': 'ok' } },
        ok: { type: 'final' },
      },
    };
    expect(() => define({ a: { type: 'parallel', states: { r1: region, r2: region } } })).toThrow(
      "pipeline 'demo': state 'a.r2.w' runs step 'first', as does 'a.r1.w' in another region of the same parallel state",
    );
    // The same step in states that are never active together is fine.
    const handled = { 'step.first.done': 'b', 'step.first.failed': 'b' };
    expect(() =>
      define({
        a: { meta: { step: 'first' }, on: handled },
        b: { meta: { step: 'first' }, on: { 'step.first.done': 'z', 'step.first.failed': 'z' } },
        z: { type: 'final' },
      }),
    ).not.toThrow();
  });

  it('invoked actors, and delays that are neither named nor durations', () => {
    const handled = { 'step.first.done': 'z', 'step.first.failed': 'z' };
    expect(() =>
      define({ a: { meta: { step: 'first' }, on: handled }, z: { invoke: { src: 'x' } } }),
    ).toThrow("state 'z' invokes an actor");
    expect(() =>
      define({ a: { meta: { step: 'first' }, on: handled }, z: { after: { soon: 'a' } } }),
    ).toThrow(
      "state 'z' waits for delay 'soon', which is neither a delay of setup({ delays }) nor a duration",
    );
  });

  it('delayed transitions: durations written as keys become named delays', () => {
    const handled = { 'step.first.done': 'z', 'step.first.failed': 'z' };
    const pipeline = define({
      a: { meta: { step: 'first' }, on: handled },
      z: { after: { '48h': 'a', 1000: 'a' } },
    });
    expect(pipeline.machine.implementations.delays).toMatchObject({ '48h': 172_800_000 });
  });
});

describe('PipelineRegistry', () => {
  const v1 = definePipeline({ ...base, steps: { first: { run }, second: { run } } });
  const v2 = definePipeline({ ...base, version: 2, steps: { first: { run }, second: { run } } });
  const registry = new PipelineRegistry([v1, v2]);

  it('serves the newest version to new runs and the exact version to old ones', () => {
    expect(registry.latest('demo').version).toBe(2);
    expect(registry.get('demo', 1)).toBe(v1);
    expect(registry.list().map((p) => p.version)).toEqual([2]);
  });

  it('names what is missing', () => {
    expect(() => registry.latest('nope')).toThrow("unknown pipeline 'nope'; known: demo");
    expect(() => registry.get('demo', 7)).toThrow("pipeline 'demo' version 7 is not registered any more");
    expect(() => new PipelineRegistry([v1, v1])).toThrow('registered twice');
  });
});

import { describe, expect, it } from 'vitest';
import { RunningSteps, StepAborted } from './running-steps';

describe('RunningSteps', () => {
  const reason = new StepAborted('cancel', 'run cancelled by an operator');

  it('aborts the steps a change of the run ended, not a step claimed after it (a late notice)', () => {
    const running = new RunningSteps();
    const before = new AbortController();
    const retried = new AbortController();
    running.track('run-1', before, 2);
    running.track('run-1', retried, 3);
    // The notice of the change that failed the run at version 3 arrives after a retry claimed a step at 3.
    expect(running.abortRun('run-1', reason, 3)).toBe(1);
    expect(before.signal.aborted).toBe(true);
    expect(retried.signal.aborted).toBe(false);
    // Without a version (a cancel found after a reconnect, a shutdown): every step of the run.
    expect(running.abortRun('run-1', reason)).toBe(2);
    expect(retried.signal.aborted).toBe(true);
  });

  it('forgets a step once untracked', () => {
    const running = new RunningSteps();
    const untrack = running.track('run-2', new AbortController(), 1);
    expect(running.runIds()).toEqual(['run-2']);
    untrack();
    expect(running.size).toBe(0);
    expect(running.abortRun('run-2', reason, 5)).toBe(0);
  });
});

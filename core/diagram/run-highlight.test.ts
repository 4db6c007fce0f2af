import { describe, expect, it } from 'vitest';
import { runHighlight } from './run-highlight';

describe('runHighlight', () => {
  it('marks where the run is and where it has been', () => {
    expect(
      runHighlight({ state: 'awaiting_approval', status: 'waiting', failedState: null }, [
        'intake',
        'checks.scanning',
        'awaiting_approval',
      ]),
    ).toEqual({ current: ['awaiting_approval'], visited: ['intake', 'checks.scanning'], failed: [] });
  });

  it('marks the state whose step failed and the failure state the run ended in', () => {
    expect(
      runHighlight({ state: 'failed', status: 'failed', failedState: 'transforming' }, [
        'extracting',
        'transforming',
        'failed',
      ]),
    ).toEqual({
      current: ['failed'],
      visited: ['extracting', 'transforming'],
      failed: ['transforming', 'failed'],
    });
  });

  it('splits the leaves of a parallel state', () => {
    expect(
      runHighlight({ state: 'both.a.working,both.b.finished', status: 'running', failedState: null }, [
        'both.a.working,both.b.working',
      ]),
    ).toEqual({ current: ['both.a.working', 'both.b.finished'], visited: ['both.b.working'], failed: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { layoutSource } from './highlight-classes';
import { replaySteps } from './run-replay';

const at = '2026-01-01T00:00:00.000Z';

describe('replaySteps', () => {
  it('marks where the run was after each transition, and counts re-entries such as retries', () => {
    const steps = replaySteps([
      { fromState: null, event: 'signalbox.start', toState: 'extracting', at },
      { fromState: 'extracting', event: 'step.extract.done', toState: 'transforming', at },
      { fromState: 'transforming', event: 'step.transform.failed', toState: 'failed', at },
      { fromState: 'failed', event: 'signalbox.retry', toState: 'transforming', at },
      { fromState: 'transforming', event: 'step.transform.done', toState: 'done', at },
    ]);
    expect(steps.map((step) => step.entered)).toEqual([
      ['extracting'],
      ['transforming'],
      ['failed'],
      ['transforming'],
      ['done'],
    ]);
    expect(steps[3]).toMatchObject({
      number: 4,
      highlight: { current: ['transforming'], visited: ['extracting', 'failed'] },
      visits: { extracting: 1, transforming: 2, failed: 1 },
    });
    expect(steps[4]?.highlight).toEqual({
      current: ['done'],
      visited: ['extracting', 'transforming', 'failed'],
    });
  });

  it('enters only the regions that changed in a parallel state, and all of a state re-entered', () => {
    const steps = replaySteps([
      { fromState: 'checks.a.x,checks.b.y', event: 'go', toState: 'checks.a.z,checks.b.y', at },
      { fromState: 'checks.a.z,checks.b.y', event: 'reset', toState: 'checks.a.z,checks.b.y', at },
    ]);
    expect(steps[0]?.entered).toEqual(['checks.a.z']);
    expect(steps[1]?.entered).toEqual(['checks.a.z', 'checks.b.y']);
    expect(steps[1]?.visits).toEqual({ 'checks.a.z': 2, 'checks.b.y': 1 });
  });
});

describe('layoutSource', () => {
  it('drops class lines and declares every highlight kind, so marking never changes the layout', () => {
    const marked = 'stateDiagram-v2\n  a --> b\n  classDef current fill:#dbeafe\n  class a current\n';
    const other = 'stateDiagram-v2\n  a --> b\n  classDef failed fill:#fee2e2\n  class b failed\n';
    expect(layoutSource(marked)).toBe(layoutSource(other));
    expect(
      layoutSource(marked)
        .split('\n')
        .filter((line) => line.includes('classDef')),
    ).toHaveLength(3);
    expect(layoutSource(marked)).not.toMatch(/^\s*class /m);
    expect(layoutSource(marked)).toContain('  a --> b\n');
  });
});

import { describe, expect, it } from 'vitest';
import { leafStateCounts, pipelineHighlight } from './state-counts';

const rows = [
  { state: 'awaiting_approval', status: 'waiting' as const, count: 3 },
  { state: 'published', status: 'succeeded' as const, count: 10 },
  { state: 'failed', status: 'failed' as const, count: 2 },
  { state: 'both.a.working,both.b.working', status: 'running' as const, count: 1 },
  { state: 'both.a.working,both.b.finished', status: 'running' as const, count: 4 },
];

describe('pipeline state counts', () => {
  it('counts runs per leaf state, a parallel run once in each of its leaves', () => {
    expect(leafStateCounts(rows)).toEqual({
      awaiting_approval: 3,
      published: 10,
      failed: 2,
      'both.a.working': 5,
      'both.b.working': 1,
      'both.b.finished': 4,
    });
  });

  it('counts only running and waiting runs when asked', () => {
    expect(leafStateCounts(rows, true)).toEqual({
      awaiting_approval: 3,
      'both.a.working': 5,
      'both.b.working': 1,
      'both.b.finished': 4,
    });
  });

  it('marks states with active runs as current and states holding failed runs as failed', () => {
    const highlight = pipelineHighlight(rows);
    expect(highlight.current?.sort()).toEqual([
      'awaiting_approval',
      'both.a.working',
      'both.b.finished',
      'both.b.working',
    ]);
    expect(highlight.failed).toEqual(['failed']);
    expect(pipelineHighlight(rows, true).failed).toEqual([]);
  });
});

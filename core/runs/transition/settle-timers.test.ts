import { describe, expect, it } from 'vitest';
import type { ActiveTimer } from '../../../db/schema';
import { TIMER_TASK } from '../../engine';
import { settleTimers } from './settle-timers';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const unset = (delayMs: number, state = 'waiting'): ActiveTimer => ({
  state,
  delay: `${delayMs}`,
  delayMs,
  since: null,
  dueAt: null,
});

describe('settleTimers', () => {
  it('schedules new timers at the version that sets them, with one job each', () => {
    const { timers, jobs } = settleTimers(
      'r1',
      {},
      { 'xstate.after.1000.m.waiting': unset(1_000) },
      4,
      [],
      NOW,
    );
    expect(timers['xstate.after.1000.m.waiting']).toMatchObject({
      since: 4,
      dueAt: '2026-12-01T12:00:01.000Z',
    });
    expect(jobs).toEqual([
      {
        task: TIMER_TASK,
        payload: {
          runId: 'r1',
          event: 'xstate.after.1000.m.waiting',
          since: 4,
          dueAt: '2026-12-01T12:00:01.000Z',
        },
        runAt: new Date('2026-12-01T12:00:01.000Z'),
        maxAttempts: expect.any(Number),
      },
    ]);
  });

  it('keeps a timer whose state stayed active (same due time, no new job) and drops the others', () => {
    const kept = { ...unset(1_000), since: 2, dueAt: '2026-12-01T11:59:59.000Z' };
    const previous = { a: kept, gone: { ...unset(5), since: 2, dueAt: '2026-12-01T12:00:00.005Z' } };
    const { timers, jobs } = settleTimers('r1', previous, { a: unset(1_000) }, 5, [], NOW);
    expect(timers).toEqual({ a: kept });
    expect(jobs).toEqual([]);
  });

  it('makes a new job for a timer an operator moved', () => {
    const moved = { ...unset(1_000), since: 2, dueAt: '2026-12-02T12:00:00.000Z' };
    const { jobs } = settleTimers(
      'r1',
      { a: { ...moved, dueAt: '2026-12-01T12:00:00.000Z' } },
      { a: moved },
      6,
      ['a'],
      NOW,
    );
    expect(jobs.map((j) => j.runAt)).toEqual([new Date('2026-12-02T12:00:00.000Z')]);
  });
});

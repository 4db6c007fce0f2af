import { describe, expect, it } from 'vitest';
import { getInitialSnapshot, getNextSnapshot } from 'xstate';
import { createIngestMachine, type IngestEvent } from './ingest-machine';

const machine = createIngestMachine({ id: 'test-ingest', reviewThreshold: 0.05 });
const file = { id: '00000000-0000-4000-8000-000000000000', name: 'f.csv', sha256: 'a'.repeat(64), bytes: 10 };
const counts = (received: number, quarantined: number) => ({
  received,
  valid: received - quarantined,
  quarantined,
  loaded: 0,
  duplicates: 0,
});

function walk(...events: IngestEvent[]) {
  let snapshot = getInitialSnapshot(machine, { file });
  for (const event of events) snapshot = getNextSnapshot(machine, snapshot, event);
  return snapshot;
}

const toValidating: IngestEvent[] = [
  { type: 'step.receive.done', output: { bytes: 10 } },
  { type: 'step.parse.done', output: { counts: counts(100, 0) } },
];

describe('the ingestion machine', () => {
  it('goes straight through when the quarantined share is at or under the threshold', () => {
    const s = walk(
      ...toValidating,
      { type: 'step.validate.done', output: { counts: counts(100, 5) } },
      { type: 'step.normalize.done', output: { counts: counts(100, 5), converted: 7 } },
      { type: 'step.deduplicate.done', output: { counts: counts(100, 5) } },
      { type: 'step.load.done', output: { counts: { ...counts(100, 5), loaded: 90, duplicates: 5 } } },
    );
    expect(s.value).toBe('completed');
    expect(s.status).toBe('done');
    expect(s.context).toMatchObject({
      quarantinedShare: 0.05,
      converted: 7,
      counts: { loaded: 90, duplicates: 5 },
    });
  });

  it('waits for review above the threshold; approve continues, reject ends rejected (cancelled)', () => {
    const waiting = walk(...toValidating, { type: 'step.validate.done', output: { counts: counts(100, 6) } });
    expect(waiting.value).toBe('awaiting_review');
    expect(waiting.can({ type: 'approve' })).toBe(true);
    expect(waiting.can({ type: 'step.normalize.done', output: { counts: counts(1, 0), converted: 0 } })).toBe(
      false,
    );

    const approved = getNextSnapshot(machine, waiting, { type: 'approve', comment: 'lab confirmed' });
    expect(approved.value).toBe('normalizing');
    expect(approved.context.review).toEqual({ decision: 'approved', comment: 'lab confirmed' });

    const rejected = getNextSnapshot(machine, waiting, { type: 'reject' });
    expect(rejected.value).toBe('rejected');
    expect(rejected.status).toBe('done');
    expect(rejected.hasTag('cancelled')).toBe(true);
    expect(rejected.context.review).toEqual({ decision: 'rejected', comment: null });
  });

  it('fails on a step failure and cancels from any working state', () => {
    const failure = { message: 'x', name: 'MalformedFile', attempts: 2, timedOut: false };
    const failed = walk(
      { type: 'step.receive.done', output: { bytes: 1 } },
      { type: 'step.parse.failed', error: failure },
    );
    expect(failed.value).toBe('failed');
    expect(failed.hasTag('failed')).toBe(true);
    const cancelled = walk(...toValidating, { type: 'cancel' });
    expect(cancelled.value).toBe('cancelled');
    expect(cancelled.hasTag('cancelled')).toBe(true);
  });

  it('treats an empty file as nothing quarantined', () => {
    const s = walk(...toValidating, { type: 'step.validate.done', output: { counts: counts(0, 0) } });
    expect(s.value).toBe('normalizing');
    expect(s.context.quarantinedShare).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { documentReview } from '../../pipelines/document-review/document-review.pipeline';
import { AppError } from '../errors';
import {
  activeStepStates,
  allowedEvents,
  leafPaths,
  persist,
  restore,
  start,
  step,
} from './machine-snapshot';

describe('machine snapshots', () => {
  it('flattens state values into leaf paths', () => {
    expect(leafPaths('idle')).toEqual(['idle']);
    expect(leafPaths({ checks: 'scanning' })).toEqual(['checks.scanning']);
    expect(leafPaths({ both: { a: 'x', b: { c: 'y' } } })).toEqual(['both.a.x', 'both.b.c.y']);
  });

  it('round-trips through the stored form and keeps transitioning', () => {
    const first = start(documentReview, { documentId: 'D', title: 'T', stepDelayMs: 0 });
    const stored = JSON.parse(JSON.stringify(persist(first)));
    const restored = restore(documentReview, stored, 'run-1');
    const next = step(documentReview, restored, { type: 'step.intake.done', output: { pages: 3 } } as never);
    expect(next.value).toEqual({ checks: 'scanning' });
    expect(next.context).toMatchObject({ documentId: 'D', pages: 3 });
    expect([...activeStepStates(documentReview.machine, next)]).toEqual([['checks.scanning', 'scan']]);
  });

  it('lists only operator events that the state accepts', () => {
    const waiting = restore(
      documentReview,
      { value: 'awaiting_approval', context: {}, status: 'active' },
      'r',
    );
    expect(allowedEvents(waiting)).toEqual(['approve', 'reject', 'cancel']);
    const intake = restore(documentReview, { value: 'intake', context: {}, status: 'active' }, 'r');
    expect(allowedEvents(intake)).toEqual(['cancel']);
  });

  it('fails loudly, with a typed error, on a snapshot that no longer fits', () => {
    const attempt = () =>
      restore(documentReview, { value: { checks: 'gone' }, context: {}, status: 'active' }, 'r9');
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(
      "run r9: its stored snapshot does not fit pipeline 'document-review' v1: state 'checks.gone' does not exist under 'checks'",
    );
  });
});

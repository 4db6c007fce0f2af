import { describe, expect, it } from 'vitest';
import { conflictMessage } from './conflict-message';

describe('conflictMessage', () => {
  it('says where a run that changed meanwhile is now, and what is allowed', () => {
    const details = { state: 'done', status: 'succeeded', version: 4, allowedActions: [] };
    expect(conflictMessage('CONCURRENT_TRANSITION', details, 'x')).toBe(
      'This run changed: it is now in done (succeeded); allowed: nothing',
    );
  });

  it('names the allowed actions of a state that refuses the action', () => {
    const details = {
      state: 'awaiting_approval',
      status: 'waiting',
      allowedActions: ['cancel', 'approve', 'reject'],
    };
    expect(conflictMessage('TRANSITION_NOT_ALLOWED', details, 'x')).toBe(
      'Not allowed now: it is now in awaiting_approval (waiting); allowed: cancel, approve, reject',
    );
  });

  it("falls back to the server's message when the details do not say where the run is", () => {
    expect(conflictMessage('CONCURRENT_TRANSITION', { expectedCount: 3 }, 'the set changed')).toBe(
      'the set changed',
    );
    expect(conflictMessage('CONCURRENT_TRANSITION', undefined, 'the set changed')).toBe('the set changed');
  });
});

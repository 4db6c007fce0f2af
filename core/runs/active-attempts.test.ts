import { describe, expect, it } from 'vitest';
import { ActiveAttempts } from './active-attempts';

describe('ActiveAttempts', () => {
  it('gives a claim the sequence of the last beat, and lists it in the next one', () => {
    const attempts = new ActiveAttempts();
    expect(attempts.sample()).toEqual({ seq: 1, keys: [] });
    expect(attempts.begin('run:a:1')).toEqual({ seq: 1, alreadyHere: false });
    expect(attempts.sample()).toEqual({ seq: 2, keys: ['run:a:1'] });
    attempts.end('run:a:1');
    expect(attempts.sample()).toEqual({ seq: 3, keys: [] });
  });

  it('knows a second delivery of an attempt this process is executing', () => {
    const attempts = new ActiveAttempts();
    attempts.begin('run:a:1');
    expect(attempts.begin('run:a:1').alreadyHere).toBe(true);
    attempts.end('run:a:1');
    expect(attempts.sample().keys).toEqual(['run:a:1']);
    attempts.end('run:a:1');
    expect(attempts.size).toBe(0);
  });
});

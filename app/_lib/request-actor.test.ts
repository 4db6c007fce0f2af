import { describe, expect, it } from 'vitest';
import { ACTOR_HEADER } from '../../components/actor/actor-header';
import { requestActor } from './request-actor';

const withActor = (value?: string) =>
  new Request('http://localhost/api/runs', value === undefined ? {} : { headers: { [ACTOR_HEADER]: value } });

describe('requestActor', () => {
  it('defaults to "console" when the header is absent or blank', () => {
    expect(requestActor(withActor())).toBe('console');
    expect(requestActor(withActor('   '))).toBe('console');
  });

  it('reads the URI-encoded name the console sends, and raw names from curl', () => {
    expect(requestActor(withActor(encodeURIComponent('Zoë Ops (on call)')))).toBe('Zoë Ops (on call)');
    expect(requestActor(withActor('dana'))).toBe('dana');
    expect(requestActor(withActor('100%'))).toBe('100%');
  });

  it('refuses names longer than 100 characters with a 400 naming the header', () => {
    expect(() => requestActor(withActor('a'.repeat(101)))).toThrowError(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: { fields: [expect.objectContaining({ path: ACTOR_HEADER })] },
      }),
    );
  });
});

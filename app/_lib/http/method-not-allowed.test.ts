import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { otherMethods } from './method-not-allowed';

describe('otherMethods', () => {
  it('answers 405 in the API error shape with an Allow header', async () => {
    const { DELETE } = otherMethods(['GET', 'POST']);
    const response = DELETE(new NextRequest('http://localhost/api/runs', { method: 'DELETE' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
    expect(await response.json()).toEqual({
      error: {
        code: 'METHOD_NOT_ALLOWED',
        message: 'DELETE is not allowed on /api/runs; allowed: GET, POST',
        details: { allowed: ['GET', 'POST'] },
      },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { decodeRunCursor, encodeRunCursor, type RunCursor } from './run-cursor';

const cursor: RunCursor = {
  sort: 'status',
  dir: 'asc',
  kind: 'after',
  key: {
    value: 'failed',
    createdAt: '2026-11-24T10:00:00.123456Z',
    id: '8d7bfa43-7160-46d7-aae3-1e3f39f81833',
  },
};

describe('run cursors', () => {
  it('round-trip as an opaque URL-safe token, microseconds included', () => {
    const token = encodeRunCursor(cursor);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeRunCursor(token, { sort: 'status', dir: 'asc' })).toEqual(cursor);
    expect(decodeRunCursor(encodeRunCursor({ ...cursor, kind: 'before' }), cursor).kind).toBe('before');
  });

  it('refuse a cursor made for another sort order', () => {
    const token = encodeRunCursor(cursor);
    expect(() => decodeRunCursor(token, { sort: 'status', dir: 'desc' })).toThrowError(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: { fields: [{ path: 'cursor', message: expect.stringContaining('another sort order') }] },
      }),
    );
  });

  it.each([
    ['not base64 JSON', 'nonsense'],
    ['a JSON value of the wrong shape', Buffer.from('{"a":1}').toString('base64url')],
    [
      'a bad id',
      Buffer.from(JSON.stringify([1, 'createdAt', 'desc', 'a', null, '2026-11-24T10:00:00Z', 'x'])).toString(
        'base64url',
      ),
    ],
    [
      'a bad time',
      Buffer.from(JSON.stringify([1, 'createdAt', 'desc', 'a', null, 'yesterday', cursor.key.id])).toString(
        'base64url',
      ),
    ],
  ])('refuse %s with a 400', (_what, token) => {
    expect(() => decodeRunCursor(token, { sort: 'createdAt', dir: 'desc' })).toThrowError(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});

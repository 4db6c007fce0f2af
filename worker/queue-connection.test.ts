import { describe, expect, it } from 'vitest';
import { queueConnectionString } from './queue-connection';

describe('queueConnectionString', () => {
  it('turns synchronous commit off for the queue, keeping the rest of the URL and earlier options', () => {
    const plain = new URL(queueConnectionString('postgres://u:p%40ss@db:5432/app?sslmode=require'));
    expect(plain.password).toBe('p%40ss');
    expect(plain.searchParams.get('sslmode')).toBe('require');
    expect(plain.searchParams.get('options')).toBe('-c synchronous_commit=off');
    const withOptions = new URL(
      queueConnectionString('postgres://db/app?options=-c%20statement_timeout%3D5000'),
    );
    expect(withOptions.searchParams.get('options')).toBe(
      '-c statement_timeout=5000 -c synchronous_commit=off',
    );
  });
});

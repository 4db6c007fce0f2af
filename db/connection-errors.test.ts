import { describe, expect, it } from 'vitest';
import { describeConnectionError, isConnectionError } from './connection-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isConnectionError', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a reset socket', withCode('ECONNRESET')],
    ["postgres.js's closed connection", withCode('CONNECTION_CLOSED')],
    ['admin shutdown (also pg_terminate_backend)', withCode('57P01')],
    ['a server starting up', withCode('57P03')],
    ['a connection exception class', withCode('08006')],
    ["node-postgres's message", new Error('Connection terminated unexpectedly')],
    [
      'a query error wrapping one (drizzle)',
      Object.assign(new Error('Failed query: select 1'), { cause: withCode('ECONNREFUSED') }),
    ],
    ['an AggregateError holding one', new AggregateError([new Error('no'), withCode('57P01')])],
  ])('says yes to %s', (_, error) => {
    expect(isConnectionError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value')],
    ['a syntax error', withCode('42601')],
    ['a plain error', new Error('planned failure')],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('says no to %s', (_, error) => {
    expect(isConnectionError(error)).toBe(false);
  });
});

describe('describeConnectionError', () => {
  it('gives the code and the first line, from the cause when the error wraps one', () => {
    const wrapped = Object.assign(new Error('Failed query: select $1\nparams: secret'), {
      cause: withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
    });
    expect(describeConnectionError(wrapped)).toEqual({
      code: 'ECONNREFUSED',
      reason: 'connect ECONNREFUSED 127.0.0.1:5432',
    });
  });
});

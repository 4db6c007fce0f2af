import { describe, expect, it } from 'vitest';
import { loadEnv } from './env';

describe('loadEnv', () => {
  it('applies defaults and coerces numbers', () => {
    const env = loadEnv({ PORT: '3100', WORKER_CONCURRENCY: '8' });
    expect(env).toMatchObject({
      PORT: 3100,
      WORKER_CONCURRENCY: 8,
      SIGNALBOX_PG_PORT: 54329,
      LOG_FORMAT: 'auto',
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('treats empty variables as unset', () => {
    expect(loadEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names every bad variable', () => {
    expect(() => loadEnv({ PORT: 'eighty', DATABASE_URL: 'not a url' })).toThrow(
      /PORT:.*\n.*DATABASE_URL|DATABASE_URL:.*\n.*PORT/s,
    );
  });
});

import pino from 'pino';
import pretty from 'pino-pretty';
import type { Logger } from '../core/logger';
import type { Env } from './env';

/**
 * JSON lines, or readable lines when a person is watching the terminal. Never log payload content:
 * ids, states, counts and error codes only.
 */
export function createLogger(
  env: Pick<Env, 'LOG_LEVEL' | 'LOG_FORMAT'>,
  name: string,
  defaultLevel = 'info',
): Logger & pino.Logger {
  const level = env.LOG_LEVEL ?? defaultLevel;
  const human = env.LOG_FORMAT === 'pretty' || (env.LOG_FORMAT === 'auto' && process.stdout.isTTY === true);
  if (!human) return pino({ level, name, base: { pid: process.pid } });
  return pino(
    { level, name, base: undefined },
    pretty({ colorize: process.stdout.isTTY === true, translateTime: 'SYS:HH:MM:ss.l', sync: true }),
  );
}

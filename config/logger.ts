import pino from 'pino';
import pretty from 'pino-pretty';
import type { Logger } from '../core/logger';
import type { Env } from './env';

export interface LoggerOptions {
  /** Fields added to every line, read when the line is written (the console's `requestId`). */
  context?: () => Record<string, unknown>;
  /** Where JSON lines go (stdout by default). */
  destination?: pino.DestinationStream;
}

/**
 * JSON lines, or readable lines when a person is watching the terminal. Every JSON line has `time`
 * (ISO 8601), `level` (a word), `name` (the process), `pid` and `msg`; lines about a run add
 * `pipelineId`, `runId`, `state`, `attempt`, a worker's lines `workerId`, the console's `requestId`
 * (docs/deploy.md lists them). Never log payload content: ids, states, counts and error codes only.
 */
export function createLogger(
  env: Pick<Env, 'LOG_LEVEL' | 'LOG_FORMAT'>,
  name: string,
  defaultLevel = 'info',
  options: LoggerOptions = {},
): Logger & pino.Logger {
  const level = env.LOG_LEVEL ?? defaultLevel;
  const human = env.LOG_FORMAT === 'pretty' || (env.LOG_FORMAT === 'auto' && process.stdout.isTTY === true);
  const mixin = options.context;
  if (!human) {
    const json = {
      level,
      name,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label: string) => ({ level: label }) },
      mixin,
    };
    return options.destination ? pino(json, options.destination) : pino(json);
  }
  return pino(
    { level, name, base: undefined, mixin },
    pretty({ colorize: process.stdout.isTTY === true, translateTime: 'SYS:HH:MM:ss.l', sync: true }),
  );
}

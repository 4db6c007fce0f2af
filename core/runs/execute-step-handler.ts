import { isConnectionError } from '../../db/connection-errors';
import type { AttemptLogLine } from '../../db/schema';
import type { ResolvedStep, StepContext, StepLogger } from '../definition/define-pipeline';
import { type AbortKind, StepAborted } from './running-steps';

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

export type HandlerOutcome =
  | { ok: true; output: unknown; logs: AttemptLogLine[] }
  | {
      ok: false;
      error: SerializedError;
      aborted?: AbortKind;
      /** The handler failed because the database went away: not the step's fault, not an attempt used up. */
      databaseLost?: boolean;
      logs: AttemptLogLine[];
    };

const MAX_LOG_LINES = 500;
const MAX_LOG_LINE = 2_000;

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    return {
      name: error.name,
      message: error.message,
      stack: error.stack?.split('\n').slice(0, 20).join('\n'),
    };
  }
  return { name: 'Error', message: typeof error === 'string' ? error : 'non-error value thrown' };
}

function collectingLogger(lines: AttemptLogLine[]): StepLogger {
  const write = (level: AttemptLogLine['level']) => (msg: string) => {
    if (lines.length >= MAX_LOG_LINES) return;
    const text = String(msg);
    lines.push({
      at: new Date().toISOString(),
      level,
      msg: text.length > MAX_LOG_LINE ? `${text.slice(0, MAX_LOG_LINE)}…` : text,
    });
    if (lines.length === MAX_LOG_LINES) {
      lines.push({
        at: new Date().toISOString(),
        level: 'warn',
        msg: `log truncated after ${MAX_LOG_LINES} lines`,
      });
    }
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/**
 * Runs a step handler with its timeout and the given abort sources. A handler that ignores its
 * signal is not waited for: the attempt ends when the signal fires.
 */
export async function executeStepHandler(
  step: ResolvedStep,
  ctx: Omit<StepContext, 'signal' | 'log'>,
  controller: AbortController,
  external: readonly AbortSignal[] = [],
): Promise<HandlerOutcome> {
  const logs: AttemptLogLine[] = [];
  const { signal } = controller;
  const timer = setTimeout(
    () =>
      controller.abort(
        new StepAborted('timeout', `step '${step.name}' timed out after ${step.timeoutMs} ms`),
      ),
    step.timeoutMs,
  );
  const forwarders = external.map((source) => {
    const forward = () =>
      controller.abort(
        source.reason instanceof StepAborted
          ? source.reason
          : new StepAborted('shutdown', 'worker is shutting down'),
      );
    if (source.aborted) forward();
    else source.addEventListener('abort', forward, { once: true });
    return () => source.removeEventListener('abort', forward);
  });
  let onAbort: (() => void) | undefined;
  const abortion = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  abortion.catch(() => {});
  try {
    const output = await Promise.race([step.run({ ...ctx, signal, log: collectingLogger(logs) }), abortion]);
    if (signal.aborted) throw signal.reason;
    return { ok: true, output: output === undefined ? null : output, logs };
  } catch (error) {
    if (signal.aborted && signal.reason instanceof StepAborted) {
      return { ok: false, error: serializeError(signal.reason), aborted: signal.reason.kind, logs };
    }
    return {
      ok: false,
      error: serializeError(error),
      ...(isConnectionError(error) ? { databaseLost: true } : {}),
      logs,
    };
  } finally {
    clearTimeout(timer);
    for (const remove of forwarders) remove();
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

import { ERROR_STATUS, type ErrorCode, type FieldError } from '../contracts/error-codes';
import { isConnectionError } from '../db/connection-errors';

export { ERROR_STATUS, type ErrorCode, type FieldError };

const APP_ERROR = Symbol.for('signalbox.app-error');

export class AppError extends Error {
  readonly [APP_ERROR] = true;
  override readonly name: string = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toJSON(): { code: ErrorCode; message: string; details?: unknown } {
    return {
      code: this.code,
      message: this.message,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/**
 * Next.js gives route handlers and pages a copy of `core` each, while the console's engine (and so
 * its pipeline registry, which throws `PIPELINE_NOT_FOUND`) is made once per process: an AppError
 * made by another copy must still pass `instanceof AppError`. Subclasses check as usual.
 */
Object.defineProperty(AppError, Symbol.hasInstance, {
  value: function isAppError(this: unknown, value: unknown): boolean {
    if (this !== AppError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && APP_ERROR in value;
  },
});

export interface TransitionNotAllowedDetails {
  runId: string;
  state: string;
  status: string;
  version: number;
  attempted: string;
  allowedEvents: string[];
  allowedActions: string[];
}

/** The run's current state cannot take the event or action (XState would have ignored it silently). */
export class TransitionNotAllowed extends AppError {
  override readonly name = 'TransitionNotAllowed';
  constructor(readonly info: TransitionNotAllowedDetails) {
    const allowed = info.allowedActions.length ? info.allowedActions.join(', ') : 'nothing';
    super(
      'TRANSITION_NOT_ALLOWED',
      `'${info.attempted}' is not allowed in state '${info.state}' (status ${info.status}); allowed: ${allowed}`,
      info,
    );
  }
}

/** Where a run is now, told with a lost race so the caller need not ask again. */
export interface RunNow {
  state: string;
  status: string;
  version: number;
  allowedActions: string[];
}

/**
 * Someone else changed the run between our read and our write (lost compare-and-set on `version`).
 * With `now`, the message and details say where the run is now and what is allowed there.
 */
export class ConcurrentTransition extends AppError {
  override readonly name = 'ConcurrentTransition';
  constructor(runId: string, expectedVersion: number, now?: RunNow) {
    const allowed = now?.allowedActions.length ? now.allowedActions.join(', ') : 'nothing';
    super(
      'CONCURRENT_TRANSITION',
      `run ${runId} changed meanwhile: expected version ${expectedVersion}` +
        (now
          ? `, found ${now.version}; it is now in '${now.state}' (status ${now.status}); allowed: ${allowed}`
          : '; reload and try again'),
      { runId, expectedVersion, ...now },
    );
  }
}

/** A zod error as field-by-field messages (never the offending values: they may be health data). */
export function fieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

/**
 * The database is unreachable right now (a restart, a failover, an outage): a 503 the caller may
 * retry, instead of a 500. Undefined for any other error.
 */
export function databaseUnavailable(error: unknown): AppError | undefined {
  if (error instanceof AppError || !isConnectionError(error)) return undefined;
  return new AppError('DATABASE_UNAVAILABLE', 'the database is unavailable right now; try again shortly');
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${String(value)}`);
}

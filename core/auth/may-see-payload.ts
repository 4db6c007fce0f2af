import type { RunError } from '../../db/schema';
import { type Actor, can } from './actor';

/**
 * Whether `by` may see payloads (run input, machine context, quarantined raw values, step logs and
 * error messages): system actors (the CLI, seeds) may; people and tokens need `payload:read`. Read
 * models take the reader and redact for everyone else, so no edge can forget to.
 */
export const maySeePayload = (by: Actor): boolean => can(by, 'payload:read');

/** A run error without what could quote a payload: its message. */
export type RedactedRunError = Omit<RunError, 'message'>;

/** An error object without what could quote a payload: its message and stack. */
export function redactError<T extends object>(error: T | null): Omit<T, 'message' | 'stack'> | null {
  if (error === null) return null;
  const { message: _message, stack: _stack, ...rest } = error as T & { message?: unknown; stack?: unknown };
  return rest;
}

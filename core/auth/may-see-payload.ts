import type { Actor } from '../audit/actor';
import { isRole, roleCan } from './roles';

/**
 * Whether `by` may see payloads (run input, machine context, quarantined raw values, step logs and
 * error messages): system actors (the CLI, seeds) may; people and tokens need `payload:read`. Read
 * models take the reader and redact for everyone else, so no edge can forget to.
 */
export const maySeePayload = (by: Actor): boolean =>
  typeof by === 'string' || (isRole(by.role) && roleCan(by.role, 'payload:read'));

/** An error object without what could quote a payload: its message and stack. */
export function redactError(error: unknown): unknown {
  if (error === null || typeof error !== 'object') return error;
  const { message: _message, stack: _stack, ...rest } = error as Record<string, unknown>;
  return rest;
}

import 'server-only';
import { AppError, databaseUnavailable } from '../../../core/errors';
import { getEngine } from '../engine';
import { errorJson } from './error-json';

/**
 * Maps any error to the API's error shape: an `AppError` keeps its code, status and details; anything
 * else is a 500 whose message says nothing about the request (it may carry payload data) and is
 * logged by name and stack frames only.
 */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return Response.json({ error: error.toJSON() }, { status: error.status });
  }
  const unavailable = databaseUnavailable(error);
  if (unavailable) {
    return Response.json(
      { error: unavailable.toJSON() },
      { status: unavailable.status, headers: { 'Retry-After': '5' } },
    );
  }
  const err = error instanceof Error ? error : new Error('non-error thrown');
  const frames = err.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 8);
  try {
    getEngine().logger.error(
      { err: err.name, code: (err as { code?: unknown }).code, frames },
      'request failed',
    );
  } catch {
    console.error('request failed', err.name, frames);
  }
  return errorJson('INTERNAL', 'internal error: see the console logs');
}

import { AppError, type ErrorCode } from '../../../core/errors';

/** The one error shape of the API: `{"error": {"code", "message", "details"?}}`, status from the code. */
export function errorJson(
  code: ErrorCode,
  message: string,
  details?: unknown,
  headers?: HeadersInit,
): Response {
  const error = new AppError(code, message, details);
  return Response.json({ error: error.toJSON() }, { status: error.status, headers });
}

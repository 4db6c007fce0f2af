import { z } from 'zod';

/**
 * Every error the engine raises on purpose has a code; the edges map codes to HTTP statuses with this
 * one table. It lives here, beside the API's other shapes, so the console and the API description
 * read the same table the server answers with.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  EVENT_RESERVED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  PIPELINE_NOT_FOUND: 404,
  RUN_NOT_FOUND: 404,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  TRANSITION_NOT_ALLOWED: 409,
  CONCURRENT_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  SNAPSHOT_INCOMPATIBLE: 422,
  PIPELINE_VERSION_MISSING: 422,
  INTERNAL: 500,
  /** The database is unreachable right now (a restart, a failover, an outage): try again shortly. */
  DATABASE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** One field that failed validation: its path and why (never the offending value). */
export const FieldErrorSchema = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** The one error shape of the API: `{"error": {"code", "message", "details"?}}`, status from the code. */
export const ApiErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    /** `fields` for VALIDATION_FAILED; the run's state and allowed actions for 409s; `allowed` for 405. */
    details: z.unknown().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;

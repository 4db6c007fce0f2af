import type { z } from 'zod';
import { AppError, fieldErrors } from './errors';

/** Parses with a schema, or throws `VALIDATION_FAILED` (400) with field errors (never the values). */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', `invalid ${what}`, { fields: fieldErrors(parsed.error.issues) });
  }
  return parsed.data;
}

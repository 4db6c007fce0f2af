import { type SQL, sql } from 'drizzle-orm';

/** A jsonb parameter; JavaScript null becomes SQL NULL (not the JSON value `null`). */
export const jsonb = (value: unknown): SQL =>
  value === null || value === undefined ? sql`null::jsonb` : sql`${JSON.stringify(value)}::jsonb`;

export const timestamptz = (value: Date | null): SQL =>
  sql`${value ? value.toISOString() : null}::timestamptz`;

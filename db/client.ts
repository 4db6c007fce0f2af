import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as authSchema from './auth-schema';
import * as runSchema from './schema';

const schema = { ...runSchema, ...authSchema };

/** A drizzle handle: the database itself or an open transaction. Every query takes one. */
export type Executor = PgDatabase<PostgresJsQueryResultHKT, typeof schema>;
export { schema };

export interface Database {
  /** The drizzle handle; `db.transaction()` opens a transaction. */
  db: Executor & { transaction: Executor['transaction'] };
  /** The raw `postgres` client (LISTEN, one-off SQL). */
  sql: postgres.Sql;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Pool size. */
  max?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
}

/** Opens a pooled client. Statements are prepared per connection by the driver (`prepare: true`). */
export function createDatabase(url: string, options: DatabaseOptions = {}): Database {
  const sql = postgres(url, {
    max: options.max ?? 10,
    prepare: true,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? 'signalbox' },
  });
  const db = drizzle(sql, { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

const cacheKey = Symbol.for('signalbox.databases');
type Cache = Map<string, Database>;

/**
 * One client per URL and process: Next.js reloads modules in development, and a route handler must
 * not open a new pool per request.
 */
export function getDatabase(url: string, options?: DatabaseOptions): Database {
  const holder = globalThis as unknown as Record<symbol, Cache | undefined>;
  holder[cacheKey] ??= new Map();
  const cache = holder[cacheKey];
  let database = cache.get(url);
  if (!database) {
    database = createDatabase(url, options);
    cache.set(url, database);
  }
  return database;
}

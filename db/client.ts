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

/**
 * The client drizzle gets: every statement prepared (named, once per connection). drizzle asks the
 * driver for unnamed statements, and for those postgres.js first sends Parse + Describe and waits
 * for the parameter types before it sends Bind + Execute: two round trips per statement, with the
 * backend holding its snapshot in between. A prepared statement is one round trip, and is not
 * planned again. postgres.js re-prepares a statement that a schema change invalidated.
 */
function preparing<T extends postgres.Sql | postgres.TransactionSql>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, params?: unknown[], queryOptions?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params as postgres.ParameterOrJSON<never>[], {
            ...queryOptions,
            prepare: true,
          });
      }
      if (property === 'begin') {
        return (...args: unknown[]) => {
          const run = args.pop() as (tx: postgres.TransactionSql) => unknown;
          return (target as postgres.Sql).begin(...(args as [string]), (tx) => run(preparing(tx)));
        };
      }
      if (property === 'savepoint') {
        return (...args: unknown[]) => {
          const run = args.pop() as (tx: postgres.TransactionSql) => unknown;
          return (target as postgres.TransactionSql).savepoint(...(args as [string]), (tx) =>
            run(preparing(tx)),
          );
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

/** Opens a pooled client. Statements are prepared per connection (see `preparing`). */
export function createDatabase(url: string, options: DatabaseOptions = {}): Database {
  const sql = postgres(url, {
    max: options.max ?? 10,
    prepare: true,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? 'signalbox' },
  });
  const db = drizzle(preparing(sql), { schema });
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

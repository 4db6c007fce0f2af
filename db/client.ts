import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as authSchema from './auth-schema';
import { createListener, type Listener, type ListenSession } from './listener';
import * as runSchema from './schema';

const schema = { ...runSchema, ...authSchema };

/** A drizzle handle: the database itself or an open transaction. Every query takes one. */
export type Executor = PgDatabase<PostgresJsQueryResultHKT, typeof schema>;
export { schema };

export interface Database {
  /** The drizzle handle; `db.transaction()` opens a transaction. */
  db: Executor & { transaction: Executor['transaction'] };
  /** The raw `postgres` client (one-off SQL). */
  sql: postgres.Sql;
  /** LISTEN on a dedicated connection (opened on first use) that re-subscribes after outages. */
  listen: Listener['listen'];
  /** The listen connection's backend, once something listens and while it is connected. */
  listenSession(): ListenSession | undefined;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Pool size. */
  max?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
  /** Give up connecting after this long (default 10 s): a server that vanished does not answer at all. */
  connectTimeoutSeconds?: number;
}

/** Seconds before a connection retries after failing: 50 ms, doubling, at most 1 s. */
export const reconnectDelaySeconds = (retries: number): number => Math.min(0.05 * 2 ** retries, 1);

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

/**
 * Opens a pooled client. Statements are prepared per connection (see `preparing`). postgres.js
 * reconnects by itself: while the database is away, queries fail fast (connection errors, see
 * `isConnectionError`) and the next ones after it is back open new connections.
 */
export function createDatabase(url: string, options: DatabaseOptions = {}): Database {
  const applicationName = options.applicationName ?? 'signalbox';
  const sql = postgres(url, {
    max: options.max ?? 10,
    prepare: true,
    connect_timeout: options.connectTimeoutSeconds ?? 10,
    // postgres.js waits before reconnecting, longer after each failure (up to 20 s by default): after
    // an outage the pool would sit idle for seconds with the database back. A second at most.
    backoff: reconnectDelaySeconds,
    onnotice: () => {},
    connection: { application_name: applicationName },
  });
  const db = drizzle(preparing(sql), { schema });
  let listener: Listener | undefined;
  return {
    db,
    sql,
    listen(channel, onNotify, hooks) {
      listener ??= createListener(url, { applicationName: `${applicationName}-listen` });
      return listener.listen(channel, onNotify, hooks);
    },
    listenSession: () => listener?.session(),
    close: async () => {
      await listener?.close();
      await sql.end({ timeout: 5 });
    },
  };
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

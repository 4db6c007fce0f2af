import postgres from 'postgres';
import { reconnectDelaySeconds } from './client';

export interface ListenHooks {
  /** After every (re)subscription: notices sent while it was down are lost, so resynchronise here. */
  onListen?: () => void;
  /**
   * When the subscription is lost (or could not be made): it is retried until it works again. May be
   * called more than once per outage.
   */
  onLost?: (error: unknown) => void;
}

export interface ListenerOptions {
  applicationName?: string;
  /** A silent connection is checked this often; one that does not answer in time is replaced. */
  pingMs?: number;
  /** Reconnection delays grow from `minRetryMs` to `maxRetryMs`. */
  minRetryMs?: number;
  maxRetryMs?: number;
}

/** The backend of the listen connection now: alive exactly as long as that connection is. */
export interface ListenSession {
  pid: number;
  /** `backend_start`, as text: with the pid, tells this session from a later one with the same pid. */
  startedAt: string;
}

export interface Listener {
  /**
   * Subscribes to a channel and keeps the subscription through restarts, failovers and killed
   * connections. Resolves once the first attempt is over: subscribed (notices committed from now on
   * are delivered), or not (`onLost` was called and it keeps trying).
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    hooks?: ListenHooks,
  ): Promise<() => Promise<void>>;
  /** The listen connection's backend while it is subscribed; undefined while it is down. */
  session(): ListenSession | undefined;
  close(): Promise<void>;
}

interface Subscriber {
  onNotify: (payload: string) => void;
  hooks: ListenHooks;
}

const quote = (channel: string) => `"${channel.replaceAll('"', '""')}"`;

/**
 * One dedicated LISTEN connection that re-subscribes by itself. postgres.js's own `listen()` tries
 * to re-subscribe once after a dropped connection and gives up silently when the database is still
 * down, so a process would stop hearing notices for good after an outage.
 */
export function createListener(url: string, options: ListenerOptions = {}): Listener {
  const pingMs = options.pingMs ?? 5_000;
  const minRetryMs = options.minRetryMs ?? 100;
  const maxRetryMs = options.maxRetryMs ?? 2_000;
  const channels = new Map<string, Set<Subscriber>>();
  let client: postgres.Sql | undefined;
  let connecting: Promise<void> | undefined;
  let up = false;
  let session: ListenSession | undefined;
  /** Whether subscribers have been told about the current outage. */
  let toldLost = false;
  let closed = false;
  let pingTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  const each = (fn: (s: Subscriber) => void) => {
    for (const set of channels.values()) for (const s of set) fn(s);
  };
  const safely = (fn: () => void) => {
    try {
      fn();
    } catch {
      // a subscriber's hook must not break the connection's bookkeeping
    }
  };

  const open = () => {
    const holder: { sql?: postgres.Sql } = {};
    holder.sql = postgres(url, {
      max: 1,
      idle_timeout: 0,
      max_lifetime: null,
      fetch_types: false,
      connect_timeout: 5,
      backoff: reconnectDelaySeconds,
      onnotice: () => {},
      connection: { application_name: options.applicationName ?? 'signalbox-listen' },
      onclose: () => lost(holder.sql, new Error('listen connection closed')),
      // Not in postgres.js's types, but read from the options (its own listen() uses it).
      onnotify: (channel: string, payload: string) => {
        for (const s of channels.get(channel) ?? []) safely(() => s.onNotify(payload));
      },
    } as postgres.Options<Record<string, never>>);
    return holder.sql;
  };

  function lost(which: postgres.Sql | undefined, error: unknown) {
    if (!which || which !== client) return;
    client = undefined;
    clearTimeout(pingTimer);
    void which.end({ timeout: 0 }).catch(() => undefined);
    up = false;
    session = undefined;
    tellLost(error);
    scheduleConnect();
  }

  function tellLost(error: unknown) {
    if (toldLost) return;
    toldLost = true;
    each((s) => safely(() => s.hooks.onLost?.(error)));
  }

  function scheduleConnect() {
    if (closed || channels.size === 0 || retryTimer || connecting) return;
    const delay = failures === 0 ? 0 : Math.min(maxRetryMs, minRetryMs * 2 ** (failures - 1));
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, delay);
    retryTimer.unref?.();
  }

  function connect(): Promise<void> {
    connecting ??= (async () => {
      const sql = open();
      client = sql;
      try {
        for (const channel of channels.keys()) await sql.unsafe(`listen ${quote(channel)}`);
        const [me] = await sql<ListenSession[]>`
          select pg_backend_pid() as pid, backend_start::text as "startedAt"
          from pg_stat_get_activity(pg_backend_pid())`;
        if (client !== sql) throw new Error('listen connection closed while subscribing');
        session = me;
        failures = 0;
        up = true;
        toldLost = false;
        each((s) => safely(() => s.hooks.onListen?.()));
        schedulePing(sql);
      } catch (error) {
        failures += 1;
        if (client === sql) {
          client = undefined;
          void sql.end({ timeout: 0 }).catch(() => undefined);
        }
        up = false;
        tellLost(error);
      } finally {
        connecting = undefined;
      }
      if (!up) scheduleConnect();
    })();
    return connecting;
  }

  /** A half-open TCP connection (the server vanished without closing it) only shows when it is used. */
  function schedulePing(sql: postgres.Sql) {
    clearTimeout(pingTimer);
    pingTimer = setTimeout(async () => {
      if (sql !== client) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        await Promise.race([
          sql`select 1`,
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('listen connection did not answer')), pingMs);
          }),
        ]);
        schedulePing(sql);
      } catch (error) {
        lost(sql, error);
      } finally {
        clearTimeout(timer);
      }
    }, pingMs);
    pingTimer.unref?.();
  }

  return {
    async listen(channel, onNotify, hooks = {}) {
      if (closed) throw new Error('listener is closed');
      const subscriber: Subscriber = { onNotify, hooks };
      const existing = channels.get(channel);
      if (existing) {
        existing.add(subscriber);
        if (up) safely(() => hooks.onListen?.());
      } else {
        channels.set(channel, new Set([subscriber]));
        if (up && client) {
          const sql = client;
          try {
            await sql.unsafe(`listen ${quote(channel)}`);
            safely(() => hooks.onListen?.());
          } catch (error) {
            lost(sql, error);
          }
        }
      }
      if (!up) {
        if (connecting) await connecting;
        else if (!retryTimer) await connect();
        if (!up) safely(() => hooks.onLost?.(new Error('database unavailable')));
      }
      return async () => {
        const set = channels.get(channel);
        if (!set?.delete(subscriber) || set.size > 0) return;
        channels.delete(channel);
        if (channels.size === 0) {
          const sql = client;
          client = undefined;
          up = false;
          session = undefined;
          clearTimeout(pingTimer);
          clearTimeout(retryTimer);
          retryTimer = undefined;
          await sql?.end({ timeout: 1 }).catch(() => undefined);
        } else if (client) {
          await client.unsafe(`unlisten ${quote(channel)}`).catch(() => undefined);
        }
      };
    },
    session: () => session,
    async close() {
      closed = true;
      session = undefined;
      clearTimeout(pingTimer);
      clearTimeout(retryTimer);
      const sql = client;
      client = undefined;
      up = false;
      await connecting?.catch(() => undefined);
      await sql?.end({ timeout: 1 }).catch(() => undefined);
    },
  };
}

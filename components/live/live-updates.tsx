'use client';

import { hashKey, type QueryKey, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { routePath } from '../../contracts/api-route';
import { apiRoutes } from '../../contracts/api-routes';
import { queryKeys } from '../api/query-keys';
import { BATCH_MS, listBatchMs } from './refresh-windows';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

const LiveContext = createContext<LiveState>('connecting');
/** False while the console's server reports the database unavailable (its stream says so). */
const DatabaseContext = createContext<boolean>(true);

/** While the stream is down, active queries are refreshed this often instead. */
export const POLL_FALLBACK_MS = 5_000;
const MAX_RECONNECT_MS = 30_000;
/**
 * A page the server rendered while runs were changing mounts with data older than the notices that
 * arrived meanwhile (they found no query to invalidate): queries created this soon after a notice
 * fetch once more.
 */
const MISSED_NOTICE_WINDOW_MS = 10_000;

interface RunNotice {
  runId: string;
  pipelineId: string;
}

/**
 * What one run's change makes stale, and how long its notices are gathered: the run (its page: state,
 * transitions, step attempts; a notice also comes when an attempt starts or ends, so nothing polls
 * attempts), its pipeline, the lists and the overview.
 */
const affectedBy = (notice: RunNotice): [QueryKey, number][] => {
  const listWindow = listBatchMs();
  return [
    [queryKeys.run(notice.runId), BATCH_MS],
    [queryKeys.pipeline(notice.pipelineId), BATCH_MS],
    [queryKeys.runs, listWindow],
    [queryKeys.pipelines, listWindow],
    [queryKeys.overview, listWindow],
    [queryKeys.problems, listWindow],
  ];
};

/**
 * One EventSource per browser tab on `/api/stream`: every committed run change invalidates the
 * react-query caches showing it. While the stream is down, active queries are polled instead; each time
 * the stream is up (first connection or reconnection) everything is refetched once, since notices sent
 * before were not received.
 */
export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  const [databaseAvailable, setDatabaseAvailable] = useState(true);

  useEffect(() => {
    let source: EventSource | undefined;
    let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
    let pollTimer: ReturnType<typeof setInterval> | undefined;
    let batchTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;
    /** Queries to refresh, by key, each with when (the first notice about it plus its window). */
    const stale = new Map<string, { queryKey: QueryKey; due: number }>();
    let all = false;
    let lastNoticeAt = 0;
    const unsubscribeCache = client.getQueryCache().subscribe((event) => {
      if (event.type === 'added' && Date.now() - lastNoticeAt < MISSED_NOTICE_WINDOW_MS) {
        void client.invalidateQueries({ queryKey: event.query.queryKey, exact: true });
      }
    });

    const flush = () => {
      batchTimer = undefined;
      if (all) {
        all = false;
        stale.clear();
        void client.invalidateQueries();
        return;
      }
      const now = Date.now();
      let next = Number.POSITIVE_INFINITY;
      for (const [hash, entry] of stale) {
        // A query still loading is not asked again (which would abort it and start over: on a busy
        // server every console's requests would pile up); it is asked once it has answered, since it
        // may have started before these changes.
        if (entry.due > now || client.isFetching({ queryKey: entry.queryKey }) > 0) {
          next = Math.min(next, Math.max(entry.due, now + BATCH_MS));
          continue;
        }
        stale.delete(hash);
        void client.invalidateQueries({ queryKey: entry.queryKey });
      }
      if (next < Number.POSITIVE_INFINITY) schedule(next - now);
    };
    let batchDue = 0;
    /** Flushes in `delay` ms, unless a flush is due sooner already. */
    const schedule = (delay = BATCH_MS) => {
      const due = Date.now() + delay;
      if (batchTimer !== undefined && batchDue <= due) return;
      clearTimeout(batchTimer);
      batchDue = due;
      batchTimer = setTimeout(flush, delay);
    };
    const startPolling = () => {
      pollTimer ??= setInterval(
        () => void client.invalidateQueries({ refetchType: 'active' }),
        POLL_FALLBACK_MS,
      );
    };
    const stopPolling = () => {
      clearInterval(pollTimer);
      pollTimer = undefined;
    };

    const connect = () => {
      if (stopped) return;
      source = new EventSource(routePath(apiRoutes.stream));
      source.addEventListener('ready', () => {
        failures = 0;
        stopPolling();
        setState('live');
        // Changes made since the page was rendered (or while the stream was down) were not pushed.
        all = true;
        schedule();
      });
      source.addEventListener('run', (event) => {
        try {
          const notice = JSON.parse((event as MessageEvent<string>).data) as RunNotice;
          lastNoticeAt = Date.now();
          for (const [queryKey, window] of affectedBy(notice)) {
            const hash = hashKey(queryKey);
            if (!stale.has(hash)) stale.set(hash, { queryKey, due: lastNoticeAt + window });
          }
        } catch {
          all = true;
        }
        schedule();
      });
      source.addEventListener('resync', () => {
        all = true;
        schedule();
      });
      source.addEventListener('database', (event) => {
        try {
          const { available } = JSON.parse((event as MessageEvent<string>).data) as { available: boolean };
          setDatabaseAvailable(available !== false);
        } catch {
          // a malformed event changes nothing
        }
      });
      source.addEventListener('error', () => {
        setState('reconnecting');
        startPolling();
        // EventSource retries by itself after a dropped stream, but gives up for good on an HTTP error.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          failures += 1;
          const delay = Math.min(MAX_RECONNECT_MS, 1_000 * 2 ** Math.min(failures, 5));
          reconnectTimer = setTimeout(connect, delay);
        }
      });
    };

    connect();
    return () => {
      stopped = true;
      unsubscribeCache();
      source?.close();
      clearTimeout(reconnectTimer);
      clearTimeout(batchTimer);
      stopPolling();
    };
  }, [client]);

  return (
    <LiveContext.Provider value={state}>
      <DatabaseContext.Provider value={databaseAvailable}>{children}</DatabaseContext.Provider>
    </LiveContext.Provider>
  );
}

export function useLiveState(): LiveState {
  return useContext(LiveContext);
}

/** Whether the database is reachable, as the console's server last said over the live stream. */
export function useDatabaseAvailable(): boolean {
  return useContext(DatabaseContext);
}

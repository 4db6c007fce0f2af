import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';
import type { Engine } from '../../../core/engine';
import type { EngineObserver } from '../../../core/engine-observer';
import { clusterMetrics } from '../../../metrics/cluster-metrics';
import { engineMetrics } from '../../../metrics/engine-metrics';
import { createMetricsRegistry } from '../../../metrics/metrics-registry';
import { sseClientsGauge } from '../../../metrics/sse-metrics';
import { runFeedSubscriberCount } from '../run-change-feed';

interface ConsoleMetrics {
  registry: Registry;
  observer: EngineObserver;
  clusterWatched: boolean;
}

const METRICS = Symbol.for('signalbox.consoleMetrics');

/**
 * The console process's registry: operator actions and runs started here (the engine observer),
 * open SSE streams, and Node's process metrics. Kept on globalThis: one per process, across dev
 * reloads (prom-client refuses a metric name registered twice).
 */
export function consoleMetrics(): ConsoleMetrics {
  const holder = globalThis as unknown as Record<symbol, ConsoleMetrics | undefined>;
  if (holder[METRICS]) return holder[METRICS];
  const registry = createMetricsRegistry('console');
  sseClientsGauge(registry, runFeedSubscriberCount);
  holder[METRICS] = { registry, observer: engineMetrics(registry), clusterWatched: false };
  return holder[METRICS];
}

/** The Prometheus text of this process, with the cluster gauges read through the engine's pool. */
export function renderConsoleMetrics(engine: Engine): Promise<string> {
  const metrics = consoleMetrics();
  if (!metrics.clusterWatched) {
    clusterMetrics(metrics.registry, engine.db, engine.logger);
    metrics.clusterWatched = true;
  }
  return metrics.registry.metrics();
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time. */
export function hasMetricsToken(authorization: string | null, token: string): boolean {
  const presented = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

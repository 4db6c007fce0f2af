import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * One Prometheus registry per process, with Node's default process metrics (CPU, memory, event loop
 * lag, GC, handles) under their standard names, so the usual Node.js dashboards work. Every series
 * carries `process` (worker, console or start): the kind of process it comes from.
 */
export function createMetricsRegistry(process: 'worker' | 'console' | 'start'): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ process });
  collectDefaultMetrics({ register: registry });
  return registry;
}

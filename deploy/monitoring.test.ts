import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import type { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { silentLogger } from '../core/logger';
import type { Executor } from '../db/client';
import { clusterMetrics } from '../metrics/cluster-metrics';
import { engineMetrics } from '../metrics/engine-metrics';
import { createMetricsRegistry } from '../metrics/metrics-registry';
import { sseClientsGauge } from '../metrics/sse-metrics';

interface Rule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: string };
  annotations: { summary: string; description: string };
}

const alerts = parse(
  readFileSync(join(import.meta.dirname, 'prometheus', 'signalbox-alerts.yaml'), 'utf8'),
) as {
  groups: { name: string; rules: Rule[] }[];
};
const dashboard = JSON.parse(
  readFileSync(join(import.meta.dirname, 'grafana', 'signalbox-dashboard.json'), 'utf8'),
);
const panelQueries: { title: string; expr: string }[] = dashboard.panels.flatMap(
  (panel: { title: string; targets?: { expr: string }[] }) =>
    (panel.targets ?? []).map((target) => ({ title: panel.title, expr: target.expr })),
);

/** Every metric the processes register: worker and console (cluster gauges are never collected here). */
async function registeredMetrics(): Promise<Map<string, string>> {
  const registry: Registry = createMetricsRegistry('worker');
  engineMetrics(registry);
  clusterMetrics(registry, {} as Executor, silentLogger);
  sseClientsGauge(registry, () => 0);
  return new Map(registry.getMetricsAsArray().map((m) => [m.name, String(m.type)]));
}

/** The metric names a PromQL expression reads, or an error for an expression that does not parse. */
function metricsIn(expr: string): string[] {
  // Grafana's variables are not PromQL: give them values of the right kind first.
  const promql = expr.replace(/\$__rate_interval/g, '5m').replace(/\$pipeline/g, '.*');
  const names: string[] = [];
  parser.parse(promql).iterate({
    enter(node) {
      if (node.type.isError) throw new Error(`does not parse at ${node.from}: ${promql}`);
      if (node.name === 'Identifier') names.push(promql.slice(node.from, node.to));
    },
  });
  return names;
}

/** `x_bucket` / `x_count` / `x_sum` of a histogram `x` are its series. */
function resolve(name: string, metrics: Map<string, string>): string | undefined {
  if (metrics.has(name)) return name;
  const base = name.replace(/_(bucket|count|sum)$/, '');
  return metrics.get(base) === 'histogram' ? base : undefined;
}

describe('Prometheus alert rules', () => {
  const rules = alerts.groups.flatMap((group) => group.rules);

  it('cover failure rate, stuck runs, queue age and live workers, each explained', () => {
    expect(rules.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining([
        'SignalboxRunFailureRateHigh',
        'SignalboxRunsStuck',
        'SignalboxQueueBehind',
        'SignalboxNoLiveWorkers',
      ]),
    );
    for (const rule of rules) {
      expect(rule.for, rule.alert).toMatch(/^\d+m$/);
      expect(['info', 'warning', 'critical'], rule.alert).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length, rule.alert).toBeGreaterThan(10);
      expect(rule.annotations.description.length, rule.alert).toBeGreaterThan(10);
    }
  });

  it('parse as PromQL and read only metrics Signalbox exports', async () => {
    const metrics = await registeredMetrics();
    for (const rule of rules) {
      for (const name of metricsIn(rule.expr))
        expect(resolve(name, metrics), `${rule.alert}: ${name}`).toBeDefined();
    }
  });
});

describe('the Grafana dashboard', () => {
  it('queries parse as PromQL and read only metrics Signalbox exports', async () => {
    const metrics = await registeredMetrics();
    expect(panelQueries.length).toBeGreaterThan(10);
    for (const { title, expr } of panelQueries) {
      for (const name of metricsIn(expr)) expect(resolve(name, metrics), `${title}: ${name}`).toBeDefined();
    }
  });

  it('shows every Signalbox metric', async () => {
    const metrics = await registeredMetrics();
    const shown = new Set(
      panelQueries.flatMap(({ expr }) => metricsIn(expr).map((name) => resolve(name, metrics))),
    );
    const ours = [...metrics.keys()].filter((name) => name.startsWith('signalbox_'));
    expect(ours.filter((name) => !shown.has(name))).toEqual([]);
  });

  it('lays its panels out without overlaps on a 24-column grid', () => {
    const cells = new Set<string>();
    for (const { gridPos, title } of dashboard.panels as {
      gridPos: { x: number; y: number; w: number; h: number };
      title: string;
    }[]) {
      expect(gridPos.x + gridPos.w, title).toBeLessThanOrEqual(24);
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          expect(cells.has(`${x},${y}`), `${title} overlaps at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });
});

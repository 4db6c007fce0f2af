import { Gauge, type Registry } from 'prom-client';

/** Browsers connected to the console's live-update stream, read from `count` at each scrape. */
export function sseClientsGauge(registry: Registry, count: () => number): void {
  new Gauge({
    name: 'signalbox_sse_clients',
    help: 'Browsers connected to the live-update stream (/api/stream) of this console process.',
    registers: [registry],
    collect() {
      this.set(count());
    },
  });
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Logger } from '../core/logger';
import type { WorkerReadiness } from './run-worker';

/** The paths the worker's health port serves (the Kubernetes manifests probe them). */
export const WORKER_HEALTH_PATHS = { health: '/health', ready: '/ready', metrics: '/metrics' } as const;

export interface HealthServerOptions {
  port: number;
  /** Kubelet and Prometheus reach the pod on its own address: every interface by default. */
  host?: string;
  registry: Registry;
  /** `starting` until the worker has connected and written its first heartbeat. */
  readiness: () => WorkerReadiness | 'starting';
  logger: Logger;
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * `/health` (the process answers), `/ready` (connected, heartbeat fresh, not draining) and
 * `/metrics` (Prometheus text). No authentication and no data: states and counts only.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    const json = (status: number, body: object) => {
      response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return json(405, { error: 'GET only' });
    const path = new URL(request.url ?? '/', 'http://worker').pathname;
    switch (path) {
      case WORKER_HEALTH_PATHS.health:
        return json(200, { status: 'ok' });
      case WORKER_HEALTH_PATHS.ready: {
        const state = options.readiness();
        return json(state === 'ready' ? 200 : 503, { status: state });
      }
      case WORKER_HEALTH_PATHS.metrics:
        options.registry.metrics().then(
          (text) => {
            response.writeHead(200, { 'Content-Type': options.registry.contentType });
            response.end(text);
          },
          (error: unknown) => {
            options.logger.warn({ err: (error as Error).name }, 'metrics failed');
            json(500, { error: 'metrics failed' });
          },
        );
        return;
      default:
        return json(404, { error: 'not found', paths: Object.values(WORKER_HEALTH_PATHS) });
    }
  });
  server.listen(options.port, options.host ?? '0.0.0.0');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  options.logger.info(
    { port },
    `worker health on :${port} (${Object.values(WORKER_HEALTH_PATHS).join(', ')})`,
  );
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface ReceivedAlert {
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
  /** The status the receiver answered. */
  answered: number;
}

/**
 * A webhook receiver on a local port, as a real one would be (node:http, no mocks): it records every
 * request and answers `status` (200 unless told otherwise). `down()` closes the port (senders get
 * "connection refused"), `up()` listens on the same port again.
 */
export class AlertReceiver {
  readonly received: ReceivedAlert[] = [];
  status = 200;
  private server: Server | undefined;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async up(): Promise<this> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(body) as Record<string, unknown>;
        } catch {
          // recorded as it came
        }
        this.received.push({ headers: request.headers, body, json, answered: this.status });
        response.writeHead(this.status, { 'content-type': 'text/plain' }).end('thanks');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The requests whose `Signalbox-Event` header is `kind`. */
  ofKind(kind: string): ReceivedAlert[] {
    return this.received.filter((r) => r.headers['signalbox-event'] === kind);
  }
}

/** Polls `probe` until it returns something other than undefined (no fixed sleeps). */
export async function eventually<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

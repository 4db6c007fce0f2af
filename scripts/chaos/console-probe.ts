import { createSystemActor } from '../../core/auth/system-actor';
import { createApiToken } from '../../core/auth/tokens/create-api-token';
import type { Engine } from '../../core/engine';
import { sleep } from './harness';

/** What a browser would see of a console: readiness, the live stream's events, an API read. */
export interface ConsoleProbe {
  ready(): Promise<number>;
  /** The stream's events so far (names only). */
  events: string[];
  /** GET an API route with the probe's token; resolves with the status. */
  get(path: string): Promise<number>;
  close(): void;
}

/** Polls `check` until it returns true or `timeoutMs` passes; resolves with the time it took (or undefined). */
export async function within(timeoutMs: number, check: () => Promise<boolean>): Promise<number | undefined> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started;
    await sleep(100);
  }
  return undefined;
}

/**
 * Opens the console's live stream with a fresh API token (a viewer), keeping the events it sends,
 * and re-opening it whenever it drops, as EventSource does.
 */
export async function probeConsole(baseUrl: string, engine: Engine): Promise<ConsoleProbe> {
  const { token } = await createApiToken(
    engine,
    { name: 'chaos-probe', role: 'viewer' },
    createSystemActor('chaos'),
  );
  const headers = { Authorization: `Bearer ${token}` };
  const events: string[] = [];
  const abort = new AbortController();
  void (async () => {
    while (!abort.signal.aborted) {
      try {
        const response = await fetch(`${baseUrl}/api/stream`, { headers, signal: abort.signal });
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        const decoder = new TextDecoder();
        const reader = response.body.getReader();
        let buffer = '';
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          // Events end with a blank line; keep a partial one for the next chunk.
          const complete = buffer.lastIndexOf('\n\n');
          if (complete < 0) continue;
          for (const [, name, data] of buffer.slice(0, complete).matchAll(/^event: (\w+)\ndata: (.*)$/gm)) {
            const available = name === 'database' && (JSON.parse(data!) as { available: boolean }).available;
            events.push(name === 'database' ? `database:${available}` : name!);
          }
          buffer = buffer.slice(complete + 2);
        }
      } catch {
        // dropped or refused: reconnect, as a browser would
      }
      await sleep(500);
    }
  })();
  return {
    events,
    ready: async () => (await fetch(`${baseUrl}/api/ready`)).status,
    get: async (path) => (await fetch(`${baseUrl}${path}`, { headers })).status,
    close: () => abort.abort(),
  };
}

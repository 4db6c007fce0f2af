import { apiRoutes } from '../../../contracts/api-routes';
import { getEngine } from '../../_lib/engine';
import { otherMethods } from '../../_lib/http/method-not-allowed';
import { routeHandler } from '../../_lib/http/route-handler';
import { type RunFeedEvent, subscribeRunChanges } from '../../_lib/run-change-feed';
import { sseComment, sseEvent, sseRetry } from '../../_lib/sse/format-sse';

export const dynamic = 'force-dynamic';

const HEARTBEAT_MS = 15_000;
const RECONNECT_MS = 3_000;

/**
 * Server-Sent Events: `run` for every committed run change and every step attempt started or ended
 * ({runId, pipelineId, state, status, version}), `resync` when notices may have been missed,
 * `database` ({available}) when PostgreSQL goes away or comes back. Fed by the process's one LISTEN
 * connection; a comment every 15 s keeps idle connections open.
 */
/**
 * Each event's bytes, made once for every open stream (fifty consoles hear the same notice).
 */
const encoded = new WeakMap<RunFeedEvent, Uint8Array>();
const encoder = new TextEncoder();
function eventBytes(event: RunFeedEvent): Uint8Array {
  let bytes = encoded.get(event);
  if (!bytes) {
    bytes = encoder.encode(
      event.type === 'run'
        ? sseEvent('run', event.notice)
        : event.type === 'database'
          ? sseEvent('database', { available: event.available })
          : sseEvent('resync', {}),
    );
    encoded.set(event, bytes);
  }
  return bytes;
}

export const GET = routeHandler(apiRoutes.stream, async ({ request }) => {
  const queue: Uint8Array[] = [];
  let push: ((chunk: Uint8Array) => void) | undefined;
  const { unsubscribe, available } = await subscribeRunChanges((event: RunFeedEvent) => {
    const chunk = eventBytes(event);
    if (push) push(chunk);
    else queue.push(chunk);
  });
  // While the database is away the stream still opens, says so, and says `resync` once it is back.
  if (!available) queue.unshift(encoder.encode(sseEvent('database', { available: false })));
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    getEngine().logger.debug({}, 'stream closed');
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // The notices of one database read arrive in one turn of the event loop: they are written
      // as one chunk, not one write (and one trip through the response's streams) each.
      const pending: Uint8Array[] = [];
      const flush = () => {
        if (closed) return;
        try {
          controller.enqueue(pending.length === 1 ? pending[0]! : Buffer.concat(pending));
        } catch {
          close();
        }
        pending.length = 0;
      };
      push = (chunk) => {
        if (closed) return;
        pending.push(chunk);
        if (pending.length === 1) queueMicrotask(flush);
      };
      push(encoder.encode(sseRetry(RECONNECT_MS) + sseEvent('ready', { at: new Date().toISOString() })));
      for (const chunk of queue.splice(0)) push(chunk);
      heartbeat = setInterval(() => push?.(encoder.encode(sseComment('heartbeat'))), HEARTBEAT_MS);
      request.signal.addEventListener(
        'abort',
        () => {
          close();
          try {
            controller.close();
          } catch {
            // already closed
          }
        },
        { once: true },
      );
    },
    cancel: close,
  });
  getEngine().logger.debug({}, 'stream opened');
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);

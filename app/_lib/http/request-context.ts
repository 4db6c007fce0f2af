import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

/** What the console's log lines carry while a request is being answered. */
const context = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `work` with `requestId` attached to every log line it writes. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return context.run({ requestId }, work);
}

/** The fields for the console logger: `requestId` inside a request, nothing outside. */
export function requestLogFields(): Record<string, unknown> {
  const store = context.getStore();
  return store ? { requestId: store.requestId } : {};
}

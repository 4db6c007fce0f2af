import { type BackoffPolicy, backoffDelay } from '../definition/backoff';
import type { Engine } from '../engine';

/** How alerts are sent: attempts, backoff between them, the request timeout, and the links' base. */
export interface AlertDeliveryPolicy {
  /** Attempts before a delivery is given up (`failed` in the log). */
  maxAttempts: number;
  backoff: BackoffPolicy;
  /** One request's timeout. */
  timeoutMs: number;
  /** Where people reach the console (PUBLIC_URL): the alerts' links start with it. */
  consoleUrl: string;
}

/**
 * 20 attempts, 10 s doubling up to an hour apart: a receiver that is down for about half a day
 * still gets every alert. A receiver should drop a repeated `Signalbox-Delivery` id (at least once).
 */
export const DEFAULT_ALERT_DELIVERY: Omit<AlertDeliveryPolicy, 'consoleUrl'> = {
  maxAttempts: 20,
  backoff: { initialMs: 10_000, factor: 2, maxMs: 3_600_000, jitter: 0.2 },
  timeoutMs: 10_000,
};

/** Delay before the retry that follows failed attempt `attempt`. */
export const alertRetryDelay = (policy: AlertDeliveryPolicy, attempt: number): number =>
  backoffDelay(policy.backoff, attempt);

/** A pipeline's title for alerts (its id when this process does not know it). */
export function pipelineName(engine: Pick<Engine, 'registry'>): (id: string) => string {
  return (id) => (engine.registry.has(id) ? engine.registry.latest(id).title : id);
}

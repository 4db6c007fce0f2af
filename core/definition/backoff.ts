export interface BackoffPolicy {
  /** Delay before the first retry. */
  initialMs: number;
  /** Each retry waits `factor` times longer than the previous one... */
  factor: number;
  /** ...but never longer than this. */
  maxMs: number;
  /** Fraction (0..1) of the delay that is randomised, so failed runs do not retry in lockstep. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, factor: 2, maxMs: 60_000, jitter: 0.2 };

/**
 * Delay before retry number `retry` (1 = the first retry): exponential, capped, with "equal jitter"
 * (the delay lies in [d·(1−jitter), d]).
 */
export function backoffDelay(
  policy: BackoffPolicy,
  retry: number,
  random: () => number = Math.random,
): number {
  const exponential = policy.initialMs * policy.factor ** Math.max(0, retry - 1);
  const capped = Math.min(policy.maxMs, exponential);
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.round(capped * (1 - jitter * random()));
}

interface RunPosition {
  state?: unknown;
  status?: unknown;
  allowedActions?: unknown;
}

function position(details: RunPosition): string | null {
  if (typeof details.state !== 'string') return null;
  const allowed = Array.isArray(details.allowedActions) ? (details.allowedActions as string[]) : [];
  const status = typeof details.status === 'string' ? ` (${details.status})` : '';
  return `it is now in ${details.state}${status}; allowed: ${allowed.length ? allowed.join(', ') : 'nothing'}`;
}

/**
 * What to tell an operator whose action got a 409: where the run is now and what may be done instead.
 * Both 409s (a lost race, or an action the state does not allow) carry the run's current position.
 */
export function conflictMessage(code: string, details: unknown, fallback: string): string {
  const where = details && typeof details === 'object' ? position(details as RunPosition) : null;
  if (!where) return fallback;
  return code === 'TRANSITION_NOT_ALLOWED' ? `Not allowed now: ${where}` : `This run changed: ${where}`;
}

/**
 * Error codes that mean "the database is not there right now" rather than "this statement is wrong":
 * socket errors, postgres.js's connection codes, and the SQLSTATEs PostgreSQL sends while it shuts
 * down, restarts, or refuses connections. A statement that failed with one of these may be tried
 * again once the database is back.
 */
const CONNECTION_CODES = new Set([
  // Node sockets and DNS (both drivers)
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  // postgres.js
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  // PostgreSQL: admin_shutdown (also pg_terminate_backend), crash_shutdown, cannot_connect_now,
  // too_many_connections, idle_session_timeout
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '57P05',
]);

/** node-postgres (graphile-worker's driver) says these in plain messages, without a code. */
const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /client has encountered a connection error/i,
  /timeout exceeded when trying to connect/i,
  /cannot use a pool after calling end/i,
  /connection (?:ended|closed|destroyed)/i,
  /the database system is (?:starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
  /server closed the connection unexpectedly/i,
];

/** True when `error` (or one it wraps: drizzle's `cause`, an AggregateError) says the database is unreachable. */
export function isConnectionError(error: unknown, depth = 0): boolean {
  if (depth > 5 || error === null || typeof error !== 'object') return false;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  if (typeof message === 'string' && CONNECTION_MESSAGES.some((pattern) => pattern.test(message)))
    return true;
  if (Array.isArray(errors) && errors.some((inner) => isConnectionError(inner, depth + 1))) return true;
  return isConnectionError(cause, depth + 1);
}

/** What to log about a connection error: its code and a short message, never a statement or parameters. */
export function describeConnectionError(error: unknown): { code?: string; reason: string } {
  const { code, message, cause } = (error ?? {}) as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code !== 'string' && cause && typeof cause === 'object') return describeConnectionError(cause);
  const text = typeof message === 'string' ? message.split('\n')[0]!.slice(0, 200) : String(error);
  return { ...(typeof code === 'string' ? { code } : {}), reason: text };
}

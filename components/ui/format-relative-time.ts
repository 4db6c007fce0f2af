const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "42s ago", "5m ago", "3h ago", "2d ago", "in 10s"; a date beyond 30 days. */
export function formatRelativeTime(atMs: number, nowMs: number): string {
  const diff = nowMs - atMs;
  const abs = Math.abs(diff);
  if (abs < 5 * SECOND) return 'just now';
  let text: string;
  if (abs < MINUTE) text = `${Math.floor(abs / SECOND)}s`;
  else if (abs < HOUR) text = `${Math.floor(abs / MINUTE)}m`;
  else if (abs < DAY) text = `${Math.floor(abs / HOUR)}h`;
  else if (abs < 30 * DAY) text = `${Math.floor(abs / DAY)}d`;
  else return new Date(atMs).toISOString().slice(0, 10);
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}

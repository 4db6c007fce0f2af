'use client';

import { formatRelativeTime } from './format-relative-time';
import { useNow } from './use-now';

/** A moment in full, in the reader's time zone: shown on hover, and where the exact time matters. */
export const EXACT_TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});

/** "5m ago", with the exact local time on hover and the ISO time for machines. */
export function RelativeTime({ iso }: { iso: string | null | undefined }) {
  const now = useNow();
  if (!iso) return <span className="faint">—</span>;
  const at = Date.parse(iso);
  // Server and browser differ in clock and time zone: the browser's text wins after hydration.
  return (
    <time dateTime={iso} title={EXACT_TIME.format(at)} suppressHydrationWarning className="nowrap">
      {formatRelativeTime(at, now)}
    </time>
  );
}

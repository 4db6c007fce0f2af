import { AppError } from '../errors';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;
const DURATION = /^(\d+)\s*(m|h|d|w)$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A prune's cutoff from what an operator types: an age (`90d`, `12h`, `2w`, `30m`) counted back
 * from `now`, or a date (`2026-09-01`, midnight UTC) or date-time with a zone. Anything else, a
 * zero age or a time in the future is `VALIDATION_FAILED` (400).
 */
export function retentionCutoff(text: string, now = new Date()): Date {
  const trimmed = text.trim();
  const duration = DURATION.exec(trimmed);
  let cutoff: Date;
  if (duration) {
    const amount = Number(duration[1]);
    if (amount === 0) throw invalid(text, 'an age of zero would delete runs that just finished');
    cutoff = new Date(now.getTime() - amount * UNIT_MS[duration[2] as keyof typeof UNIT_MS]);
  } else if (DATE.test(trimmed) && !Number.isNaN(Date.parse(trimmed))) {
    cutoff = new Date(trimmed);
  } else {
    throw invalid(text, 'expected an age such as 90d, 12h, 2w or a date such as 2026-09-01');
  }
  if (cutoff.getTime() > now.getTime()) throw invalid(text, 'the cutoff is in the future');
  return cutoff;
}

const invalid = (text: string, message: string) =>
  new AppError('VALIDATION_FAILED', `invalid cutoff '${text}': ${message}`, {
    fields: [{ path: 'finishedBefore', message }],
  });

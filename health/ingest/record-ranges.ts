import type { Executor } from '../../db/client';
import { recordNumberRange } from '../../db/queries/record-number-range';

/**
 * Splits a run's record numbers into consecutive ranges of `size` (record numbers are dense: rows
 * 1..n, entries 0..n-1). Every pass over a run's records walks these ranges, so each query touches
 * one range, however far into a big file it is.
 */
export async function* recordRanges(
  db: Executor,
  runId: string,
  size: number,
): AsyncGenerator<{ after: number; through: number }> {
  const range = await recordNumberRange(db, runId);
  if (!range) return;
  for (let after = range.first - 1; after < range.last; after += size) {
    yield { after, through: Math.min(after + size, range.last) };
  }
}

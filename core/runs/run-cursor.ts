import { z } from 'zod';
import type { RunKey, RunSortColumn } from '../../db/queries/select-run-page';
import { AppError } from '../errors';

export interface RunCursor {
  sort: RunSortColumn;
  dir: 'asc' | 'desc';
  /** Read the rows after this key (next page) or before it (previous page), in display order. */
  kind: 'after' | 'before';
  key: RunKey;
}

const VERSION = 1;
const CursorTuple = z.tuple([
  z.literal(VERSION),
  z.enum(['createdAt', 'updatedAt', 'pipelineId', 'status', 'state']),
  z.enum(['asc', 'desc']),
  z.enum(['a', 'b']),
  z.string().max(500).nullable(),
  z.string().max(40),
  z.uuid(),
]);

/** An opaque token: clients pass it back, they never build one. */
export function encodeRunCursor(cursor: RunCursor): string {
  const { sort, dir, kind, key } = cursor;
  const tuple = [VERSION, sort, dir, kind === 'after' ? 'a' : 'b', key.value, key.createdAt, key.id];
  return Buffer.from(JSON.stringify(tuple), 'utf8').toString('base64url');
}

const invalid = (message: string) =>
  new AppError('VALIDATION_FAILED', 'invalid cursor', { fields: [{ path: 'cursor', message }] });

/** Decodes a cursor made for this sort order; a cursor from another order or a broken one is a 400. */
export function decodeRunCursor(
  text: string,
  expected: { sort: RunSortColumn; dir: 'asc' | 'desc' },
): RunCursor {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a cursor from this API');
  }
  const parsed = CursorTuple.safeParse(raw);
  if (!parsed.success) throw invalid('not a cursor from this API');
  const [, sort, dir, kind, value, createdAt, id] = parsed.data;
  if (Number.isNaN(Date.parse(createdAt))) throw invalid('not a cursor from this API');
  if (sort !== expected.sort || dir !== expected.dir) {
    throw invalid('the cursor belongs to another sort order; start from the first page');
  }
  return { sort, dir, kind: kind === 'a' ? 'after' : 'before', key: { value, createdAt, id } };
}

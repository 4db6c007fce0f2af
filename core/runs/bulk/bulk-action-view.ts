import type { BulkAction } from '../../../contracts/bulk-actions';
import { type BulkActionRow, getBulkAction } from '../../../db/queries/bulk-actions';
import { type Actor, authorize } from '../../auth/actor';
import type { Engine } from '../../engine';
import { AppError } from '../../errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A bulk action as the API shows it. */
export const bulkActionView = (row: BulkActionRow): BulkAction => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  filter: row.filter,
  actor: row.actor,
  matched: row.matched,
  done: row.done,
  refused: row.refused,
  error: row.error,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
});

/** A bulk action and its progress, for anyone who may read runs (404 `NOT_FOUND` when there is none). */
export async function findBulkAction(engine: Engine, id: string, by: Actor): Promise<BulkAction> {
  authorize(by, 'runs:read');
  const row = UUID.test(id) ? await getBulkAction(engine.db, id) : undefined;
  if (!row) throw new AppError('NOT_FOUND', `no bulk action '${id}'`);
  return bulkActionView(row);
}

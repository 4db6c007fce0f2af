import { deleteWebhook as removeWebhook } from '../../../db/queries/write-webhook';
import { auditRefusal, recordAudit } from '../../audit/record-audit';
import { type Actor, authorize } from '../../auth/actor';
import type { Engine } from '../../engine';
import { AppError } from '../../errors';

/** Deletes a webhook and its delivery log (admins only, audited); its pending deliveries are dropped. */
export async function deleteWebhook(engine: Engine, id: number, by: Actor): Promise<void> {
  authorize(by, 'admin');
  const target = `webhook:${id}`;
  const name = await removeWebhook(engine.db, id);
  if (name === undefined) {
    throw await auditRefusal(engine, {
      by,
      action: 'webhook.delete',
      target,
      error: new AppError('NOT_FOUND', `no webhook ${id}`),
    });
  }
  await recordAudit(engine, { by, action: 'webhook.delete', target, outcome: 'accepted', details: { name } });
}

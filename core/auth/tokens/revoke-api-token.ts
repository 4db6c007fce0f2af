import { markApiTokenRevoked } from '../../../db/queries/mark-api-token-revoked';
import { recordAudit } from '../../audit/record-audit';
import type { Engine } from '../../engine';
import { AppError } from '../../errors';
import { type Actor, authorize } from '../actor';

/** Revokes a token at once: the next request that carries it gets a 401. */
export async function revokeApiToken(engine: Engine, id: string, by: Actor): Promise<void> {
  authorize(by, 'admin');
  const name = await markApiTokenRevoked(engine.db, id);
  await recordAudit(engine, {
    by,
    action: 'token.revoke',
    target: `token:${id}`,
    outcome: name ? 'accepted' : 'refused',
    details: name ? { name } : { code: 'NOT_FOUND' },
  });
  if (!name) throw new AppError('NOT_FOUND', `no live token ${id}`);
}

import { randomUUID } from 'node:crypto';
import type { CreateApiTokenRequest } from '../../../contracts/admin';
import { insertApiToken } from '../../../db/queries/insert-api-token';
import { recordAudit } from '../../audit/record-audit';
import type { Engine } from '../../engine';
import { type Actor, authorize } from '../actor';
import { newTokenSecret } from '../api-token-secret';

/**
 * Creates an API token with a role. The secret is returned this once and stored only as a hash.
 * `by` must be an admin (the CLI's system actor is: it runs with database access).
 */
export async function createApiToken(engine: Engine, request: CreateApiTokenRequest, by: Actor) {
  authorize(by, 'admin');
  const secret = newTokenSecret();
  const id = randomUUID();
  const createdBy = by.name;
  const createdAt = await insertApiToken(engine.db, {
    id,
    name: request.name,
    role: request.role,
    tokenHash: secret.hash,
    prefix: secret.prefix,
    createdBy,
  });
  await recordAudit(engine, {
    by,
    action: 'token.create',
    target: `token:${id}`,
    outcome: 'accepted',
    details: { name: request.name, role: request.role },
  });
  return {
    id,
    name: request.name,
    role: request.role,
    prefix: secret.prefix,
    createdAt,
    token: secret.token,
  };
}

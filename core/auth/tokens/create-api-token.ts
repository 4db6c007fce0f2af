import { randomUUID } from 'node:crypto';
import type { CreateApiTokenRequest } from '../../../contracts/admin';
import { insertApiToken } from '../../../db/queries/insert-api-token';
import type { Actor } from '../../audit/actor';
import { recordAudit } from '../../audit/record-audit';
import type { Engine } from '../../engine';
import { newTokenSecret } from '../api-token-secret';
import { assertActorMay } from '../assert-actor-may';

/**
 * Creates an API token with a role. The secret is returned this once and stored only as a hash.
 * Callers check that `by` is an admin (the console through `requirePermission`; the CLI runs with
 * database access, which is admin access).
 */
export async function createApiToken(engine: Engine, request: CreateApiTokenRequest, by: Actor) {
  assertActorMay(by, 'admin');
  const secret = newTokenSecret();
  const id = randomUUID();
  const createdBy = typeof by === 'string' ? by : by.name;
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

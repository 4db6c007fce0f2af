import { deleteSessions } from '../../db/queries/delete-sessions';
import { recordAudit } from '../audit/record-audit';
import type { Principal } from './actor';
import type { AuthServices } from './auth-services';

/** Ends the caller's session (revoked in Postgres, not just forgotten by the browser). */
export async function signOut(services: AuthServices, principal: Principal): Promise<void> {
  if (principal.kind === 'user' && principal.sessionId)
    await deleteSessions(services.engine.db, { sessionId: principal.sessionId });
  await recordAudit(services.engine, {
    by: principal,
    action: 'auth.sign-out',
    target: `user:${principal.id}`,
    outcome: 'accepted',
  });
}

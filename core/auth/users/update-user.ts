import type { UpdateUserRequest } from '../../../contracts/admin';
import { deleteSessions } from '../../../db/queries/delete-sessions';
import { updateUserAccess } from '../../../db/queries/update-user-access';
import { recordAudit } from '../../audit/record-audit';
import type { Engine } from '../../engine';
import { AppError } from '../../errors';
import { type Actor, authorize } from '../actor';

/**
 * Changes a user's role, disables or re-enables them, and/or ends their sessions. A role change or a
 * disable also ends their sessions, so the change applies at once.
 */
export async function updateUser(
  engine: Engine,
  userId: string,
  change: UpdateUserRequest,
  by: Actor,
): Promise<void> {
  authorize(by, 'admin');
  const access = { role: change.role, banned: change.disabled };
  const touchesAccess = change.role !== undefined || change.disabled !== undefined;
  const email = touchesAccess
    ? await updateUserAccess(engine.db, userId, access)
    : await updateUserAccess(engine.db, userId, {});
  if (!email) {
    await recordAudit(engine, {
      by,
      action: 'user.update',
      target: `user:${userId}`,
      outcome: 'refused',
      details: { code: 'NOT_FOUND' },
    });
    throw new AppError('NOT_FOUND', `no user ${userId}`);
  }
  const ended = touchesAccess || change.revokeSessions ? await deleteSessions(engine.db, { userId }) : 0;
  await recordAudit(engine, {
    by,
    action: 'user.update',
    target: `user:${userId}`,
    outcome: 'accepted',
    details: { email, ...change, sessionsEnded: ended },
  });
}

import { deleteSessions } from '../../db/queries/delete-sessions';
import { findApiTokenByHash } from '../../db/queries/find-api-token-by-hash';
import { touchApiToken } from '../../db/queries/touch-api-token';
import { touchSession } from '../../db/queries/touch-session';
import type { Principal } from './actor';
import { hashToken, looksLikeToken } from './api-token-secret';
import type { AuthServices } from './auth-services';
import { isRole } from './roles';

/**
 * Who is making this request: an `Authorization: Bearer` API token, or a session cookie. Returns null
 * for anonymous requests, revoked tokens, and sessions that are over — expired (Better Auth's
 * absolute lifetime), idle for longer than the idle timeout (then deleted here), or of a disabled user.
 */
export async function resolvePrincipal(
  services: AuthServices,
  headers: Headers,
  ip: string | null,
): Promise<Principal | null> {
  const { engine, auth, config } = services;
  const authorization = headers.get('authorization');
  if (authorization) {
    const [scheme, value] = authorization.split(/\s+/, 2);
    if (scheme?.toLowerCase() !== 'bearer' || !value || !looksLikeToken(value)) return null;
    const token = await findApiTokenByHash(engine.db, hashToken(value));
    if (!token || token.revokedAt || !isRole(token.role)) return null;
    await touchApiToken(engine.db, token.id);
    return { kind: 'token', id: token.id, name: `token:${token.name}`, role: token.role, ip };
  }
  if (!headers.get('cookie')) return null;
  const found = await auth.api.getSession({ headers, query: { disableRefresh: true } }).catch(() => null);
  if (!found) return null;
  const { session, user } = found;
  const idleMs = config.idleTimeoutMinutes * 60_000;
  if (Date.now() - new Date(session.updatedAt).getTime() > idleMs) {
    await deleteSessions(engine.db, { sessionId: session.id });
    return null;
  }
  const role = (user as { role?: unknown }).role;
  if ((user as { banned?: boolean | null }).banned || !isRole(role)) return null;
  await touchSession(engine.db, session.id);
  return { kind: 'user', id: user.id, name: user.email, role, sessionId: session.id, ip };
}

import { AppError } from '../errors';
import { type Permission, type Role, roleCan } from './roles';

/** Who is acting: a signed-in person or an API token. */
export interface Principal {
  kind: 'user' | 'token';
  /** User id or token id. */
  id: string;
  /** Email for people, `token:<name>` for tokens: what the audit trail shows. */
  name: string;
  role: Role;
  sessionId?: string;
  /** Client address, recorded with audited actions. */
  ip: string | null;
}

export const can = (principal: Principal | null, permission: Permission): boolean =>
  principal !== null && roleCan(principal.role, permission);

/**
 * The one authorization check: every page, route handler and server action goes through it (via the
 * `core` functions that need a principal). No principal → 401; wrong role → 403.
 */
export function requirePermission(principal: Principal | null, permission: Permission): Principal {
  if (!principal) throw new AppError('UNAUTHORIZED', 'sign in first (or send an API token)');
  if (!roleCan(principal.role, permission)) {
    throw new AppError('FORBIDDEN', `role '${principal.role}' may not ${permissionPhrase(permission)}`, {
      role: principal.role,
      needs: permission,
    });
  }
  return principal;
}

function permissionPhrase(permission: Permission): string {
  switch (permission) {
    case 'runs:read':
      return 'see runs';
    case 'payload:read':
      return 'see payloads (input, context, quarantined values, step logs)';
    case 'runs:write':
      return 'start, retry, cancel or send events';
    case 'admin':
      return 'manage users, tokens or the audit log';
  }
}

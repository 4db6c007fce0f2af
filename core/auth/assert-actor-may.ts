import type { Actor } from '../audit/actor';
import { AppError } from '../errors';
import { isRole, type Permission, roleCan } from './roles';

/**
 * Admin use-cases accept a system actor (a name such as `cli`: whoever runs the CLI already holds the
 * database credentials) or a person/token, who must have the role for `permission`.
 */
export function assertActorMay(by: Actor, permission: Permission): void {
  if (typeof by === 'string') return;
  if (!isRole(by.role) || !roleCan(by.role, permission)) {
    throw new AppError('FORBIDDEN', `role '${by.role ?? 'none'}' may not do this`, { needs: permission });
  }
}

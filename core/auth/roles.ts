import { ROLES, type Role } from '../../db/auth-schema';

export { ROLES, type Role };

/**
 * What each role may do. `payload:read` covers run input, machine context, quarantined values and
 * step logs: the health data itself.
 */
export const PERMISSIONS = {
  'runs:read': ['viewer', 'operator', 'admin'],
  'payload:read': ['operator', 'admin'],
  'runs:write': ['operator', 'admin'],
  admin: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export function roleCan(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

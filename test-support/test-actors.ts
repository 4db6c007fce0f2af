import type { Actor, Principal } from '../core/auth/actor';
import type { Role } from '../core/auth/roles';
import { createSystemActor } from '../core/auth/system-actor';

/** A signed-in person with this role, as the console resolves one. */
export const person = (role: Role, name = `${role}@example.test`): Principal => ({
  kind: 'user',
  id: `user-${name}`,
  name,
  role,
  ip: '127.0.0.1',
});

/**
 * An actor by name, as tests write it: an email is a person (an admin, who may do everything),
 * anything else a system actor. Either is recorded under the name.
 */
export const actor = (name: string): Actor =>
  name.includes('@') ? person('admin', name) : createSystemActor(name);

import { selectUsers, type UserView } from '../../../db/queries/select-users';
import type { Engine } from '../../engine';
import { type Actor, authorize } from '../actor';

export type { UserView };

/** People who can sign in, with their role and active sessions (admins only). */
export async function listUsers(engine: Engine, by: Actor): Promise<UserView[]> {
  authorize(by, 'admin');
  return selectUsers(engine.db);
}

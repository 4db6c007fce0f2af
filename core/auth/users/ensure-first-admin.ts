import { countUsers } from '../../../db/queries/count-users';
import type { Actor } from '../actor';
import type { AuthServices } from '../auth-services';
import { createUser } from './create-user';

export const FIRST_ADMIN_EMAIL = 'admin@signalbox.local';

/**
 * On an empty database, creates an admin with a random password (never a fixed default) and returns
 * the credentials for the caller to print once. Returns undefined when users exist.
 */
export async function ensureFirstAdmin(
  services: AuthServices,
  by: Actor,
): Promise<{ email: string; password: string } | undefined> {
  if ((await countUsers(services.engine.db)) > 0) return undefined;
  const created = await createUser(services, { email: FIRST_ADMIN_EMAIL, name: 'Admin', role: 'admin' }, by);
  return { email: created.email, password: created.password };
}

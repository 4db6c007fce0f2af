import { ensureFirstAdmin } from '../../core/auth/users/ensure-first-admin';
import type { Engine } from '../../core/engine';
import { cliAuthServices } from '../auth-services';
import type { CliContext } from '../context';

/**
 * A fresh database gets an admin with a random password, printed once to the terminal (not to the
 * logs), so a new user can sign in at once.
 */
export async function announceFirstAdmin(ctx: CliContext, engine: Engine): Promise<void> {
  const admin = await ensureFirstAdmin(cliAuthServices(ctx.env, engine), ctx.actor);
  if (!admin) return;
  process.stdout.write(
    [
      '',
      '  ┌─ First start: an admin was created ────────────────────────────',
      `  │  email:    ${admin.email}`,
      `  │  password: ${admin.password}`,
      '  │  This password is shown once. Add people with',
      '  │  `npm run signalbox -- user create --email you@example.org --role admin`.',
      '  └─────────────────────────────────────────────────────────────────',
      '',
    ].join('\n'),
  );
}

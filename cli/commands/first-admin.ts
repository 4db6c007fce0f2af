import { ensureFirstAdmin } from '../../core/auth/users/ensure-first-admin';
import { createDatabase } from '../../db/client';
import { cliAuthServices } from '../auth-services';
import type { CliContext } from '../context';

/**
 * A fresh database gets an admin with a random password, printed once to the terminal (not to the
 * logs), so a new user can sign in at once.
 */
export async function announceFirstAdmin(ctx: CliContext, url: string): Promise<void> {
  const database = createDatabase(url, { max: 1, applicationName: 'signalbox-start' });
  try {
    const engine = { db: database.db, registry: ctx.registry, logger: ctx.logger };
    const admin = await ensureFirstAdmin(cliAuthServices(ctx.env, engine));
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
  } finally {
    await database.close();
  }
}

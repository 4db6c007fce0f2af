import { CreateApiTokenSchema } from '../../contracts/admin';
import { createApiToken } from '../../core/auth/tokens/create-api-token';
import { listApiTokens } from '../../core/auth/tokens/list-api-tokens';
import { revokeApiToken } from '../../core/auth/tokens/revoke-api-token';
import { AppError, fieldErrors } from '../../core/errors';
import { type CliContext, withEngine } from '../context';

export async function tokenCreateCommand(ctx: CliContext, options: { name: string; role: string }) {
  const parsed = CreateApiTokenSchema.safeParse(options);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'cannot create that token', {
      fields: fieldErrors(parsed.error.issues),
    });
  }
  await withEngine(ctx, async (engine) => {
    const token = await createApiToken(engine, parsed.data, ctx.actor);
    process.stdout.write(`created ${token.role} token '${token.name}' (${token.id})\n`);
    process.stdout.write(`token (shown once; send as "Authorization: Bearer <token>"): ${token.token}\n`);
  });
}

export async function tokenListCommand(ctx: CliContext) {
  await withEngine(ctx, async (engine) => {
    for (const t of await listApiTokens(engine, ctx.actor)) {
      const state = t.revokedAt
        ? `revoked ${t.revokedAt.toISOString()}`
        : `last used ${t.lastUsedAt?.toISOString() ?? 'never'}`;
      process.stdout.write(`${t.id}  ${t.role.padEnd(8)}  ${t.prefix}…  ${t.name}  (${state})\n`);
    }
  });
}

export async function tokenRevokeCommand(ctx: CliContext, id: string) {
  await withEngine(ctx, async (engine) => {
    await revokeApiToken(engine, id, ctx.actor);
    process.stdout.write(`revoked ${id}\n`);
  });
}

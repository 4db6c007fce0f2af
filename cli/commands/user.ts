import { text } from 'node:stream/consumers';
import { CreateUserSchema } from '../../contracts/admin';
import { createUser } from '../../core/auth/users/create-user';
import { listUsers } from '../../core/auth/users/list-users';
import { AppError, fieldErrors } from '../../core/errors';
import { cliAuthServices } from '../auth-services';
import { type CliContext, withEngine } from '../context';

/** A password piped on stdin (`echo … | signalbox user create …`); none when stdin is a terminal. */
async function passwordFromStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  const piped = (await text(process.stdin)).replace(/\r?\n$/, '');
  return piped === '' ? undefined : piped;
}

export async function userCreateCommand(
  ctx: CliContext,
  options: { email: string; role: string; name?: string },
) {
  const parsed = CreateUserSchema.safeParse({ ...options, password: await passwordFromStdin() });
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'cannot create that user', {
      fields: fieldErrors(parsed.error.issues),
    });
  }
  await withEngine(ctx, async (engine) => {
    const user = await createUser(cliAuthServices(ctx.env, engine), parsed.data, ctx.actor);
    process.stdout.write(`created ${user.role} ${user.email} (${user.id})\n`);
    if (user.generated) process.stdout.write(`password (shown once): ${user.password}\n`);
  });
}

export async function userListCommand(ctx: CliContext) {
  await withEngine(ctx, async (engine) => {
    for (const user of await listUsers(engine, ctx.actor)) {
      const state = user.banned ? 'disabled' : `${user.activeSessions} session(s)`;
      process.stdout.write(`${user.id}  ${user.role.padEnd(8)}  ${user.email}  ${state}\n`);
    }
  });
}

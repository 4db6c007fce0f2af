import type { CliContext } from '../context';
import { migrateAll, openDatabase } from '../database';

export async function migrateCommand(ctx: CliContext): Promise<void> {
  const database = await openDatabase(ctx.env, ctx.logger);
  try {
    await migrateAll(database.url, ctx.logger);
  } finally {
    await database.release();
  }
}

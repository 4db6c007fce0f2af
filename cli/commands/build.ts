import type { CliContext } from '../context';
import { buildConsole, buildIsStale } from '../next-server';

/** `next build` with the standalone layout `start`, `console` and the container image run. */
export async function buildCommand(ctx: CliContext, options: { force: boolean }): Promise<void> {
  if (!options.force && !buildIsStale()) {
    ctx.logger.info({}, 'the console build is up to date');
    return;
  }
  await buildConsole(ctx.logger);
}

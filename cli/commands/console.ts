import { resolve } from 'node:path';
import { authSecret } from '../../config/auth-config';
import { consoleUrl } from '../../config/env';
import { DEFAULT_ALERT_DELIVERY } from '../../core/alerts/alert-policy';
import { watchWorkerSilence } from '../../core/alerts/watch-worker-silence';
import { createEngine } from '../../core/engine';
import type { CliContext } from '../context';
import { CliError } from '../context';
import { buildConsole, buildIsStale, startConsole } from '../next-server';
import { shutdownSignal } from '../shutdown-signal';

/**
 * The console alone, for a cluster: no database of its own, no migrations (a migration Job runs
 * them; `/api/ready` stays 503 until they are applied), no worker. Exits with the server's code.
 */
export async function consoleCommand(ctx: CliContext): Promise<void> {
  const { env, logger } = ctx;
  if (!env.DATABASE_URL) {
    throw new CliError(
      'the console needs DATABASE_URL (it runs no database itself; `signalbox start` runs everything)',
      2,
    );
  }
  const signal = shutdownSignal();
  if (buildIsStale()) await buildConsole(logger);
  const child = startConsole({
    port: env.PORT,
    host: env.HOST,
    dev: false,
    env: {
      ...process.env,
      SIGNALBOX_HOME: resolve(env.SIGNALBOX_HOME),
      SIGNALBOX_AUTH_SECRET: authSecret(env),
    },
  });
  logger.info({ port: env.PORT, host: env.HOST }, `Signalbox console on http://${env.HOST}:${env.PORT}`);
  // Workers cannot report that no worker is alive: the console's process watches for that silence
  // (every replica does; each silence is alerted once).
  const engine = createEngine({
    database: env.DATABASE_URL,
    pool: { max: 1, applicationName: 'signalbox-console-watch' },
    pipelines: ctx.pipelines,
    logger,
  });
  const watch = watchWorkerSilence(engine, { ...DEFAULT_ALERT_DELIVERY, consoleUrl: consoleUrl(env) });
  const exited = new Promise<number>((done) => child.once('exit', (code) => done(code ?? 1)));
  try {
    const first = await Promise.race([signal.received.then(() => undefined), exited]);
    if (first !== undefined) throw new CliError(`the console exited (code ${first})`);
    child.kill('SIGTERM');
    signal.onRepeat(() => child.kill('SIGKILL'));
    await exited;
  } finally {
    await watch.stop();
    await engine.close();
  }
}

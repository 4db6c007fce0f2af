import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIsStale } from '../../cli/next-server';
import { createSystemActor } from '../../core/auth/system-actor';
import { createEngine } from '../../core/engine';
import { startRun } from '../../core/runs/start-run';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../db/embedded/embedded-postgres';
import { helloEtl } from '../../pipelines/hello-etl/hello-etl.pipeline';
import { freePort } from './cluster';
import { type ConsoleProbe, probeConsole, within } from './console-probe';
import { progressResumes, sleep, spawnProcess } from './harness';
import { broken, checkInvariants, describeStuck, drain } from './invariants';
import type { ScenarioReport } from './scenario';

export interface StartOutageOptions {
  runs: number;
  stepDelayMs: number;
  downMs: number;
  drainTimeoutMs: number;
  /**
   * Also run the console and watch it as a browser would (readiness, live stream, an API read).
   * Needs a production build (`npm run build`); skipped when there is none or it is stale.
   */
  console?: boolean;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * `signalbox start` (one process tree: embedded PostgreSQL, worker and, with a build, the console)
 * with its database stopped for `downMs` under load and started again by someone else: it must stay
 * up, say the database is unavailable (logs; the console's readiness and live stream), and finish
 * every run once it is back, without a restart.
 */
export async function startOutage(o: StartOutageOptions): Promise<ScenarioReport> {
  const home = mkdtempSync(join(tmpdir(), 'signalbox-chaos-start-'));
  chmodSync(home, 0o755);
  const port = await freePort();
  const withConsole = o.console === true && !buildIsStale();
  const consolePort = await freePort();
  const start = spawnProcess(
    'cli/signalbox.mjs',
    ['start', '--no-seed', ...(withConsole ? [] : ['--no-console'])],
    {
      SIGNALBOX_HOME: home,
      SIGNALBOX_PG_PORT: String(port),
      DATABASE_URL: '',
      WORKER_CONCURRENCY: '4',
      PORT: String(consolePort),
      HOST: '127.0.0.1',
    },
  );
  const baseUrl = `http://127.0.0.1:${consolePort}`;
  let probe: ConsoleProbe | undefined;
  let restarted: EmbeddedPostgres | undefined;
  try {
    await start.waitFor((line) => line.msg === 'worker started', 120_000);
    const password = readFileSync(join(home, 'pg-password'), 'utf8').trim();
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/signalbox`;
    const engine = createEngine({ database: url, pool: { max: 4 }, pipelines: [helloEtl] });
    try {
      if (withConsole) {
        if ((await within(120_000, async () => (await fetch(`${baseUrl}/api/health`)).ok)) === undefined) {
          throw new Error('the console did not come up');
        }
        probe = await probeConsole(baseUrl, engine);
        await within(30_000, async () => probe!.events.includes('ready'));
      }
      const runIds: string[] = [];
      for (let i = 0; i < o.runs; i++) {
        const { run } = await startRun(
          engine,
          { pipelineId: 'hello-etl', input: { source: `chaos-${i}`, rows: 10, stepDelayMs: o.stepDelayMs } },
          createSystemActor('chaos'),
        );
        runIds.push(run.id);
      }
      await sleep(o.stepDelayMs * 2);

      // An operator stops the database (fast shutdown) under the running process.
      const pid = Number(readFileSync(join(home, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGINT');
      while (isAlive(pid)) await sleep(25);
      const downAt = Date.now();
      const consoleNotReady = probe ? await within(o.downMs, async () => (await probe!.ready()) === 503) : 0;
      const streamSaidDown = probe
        ? await within(o.downMs, async () => probe!.events.includes('database:false'))
        : 0;
      await sleep(Math.max(0, o.downMs - (Date.now() - downAt)));
      const aliveThroughOutage = start.child.exitCode === null && start.child.signalCode === null;
      const saidUnavailable = start.logs.some((l) => l.msg === 'database unavailable; retrying');
      restarted = await startEmbeddedPostgres({ home, port, database: 'signalbox' });
      const backAt = Date.now();
      const resumeMs = await progressResumes(engine, 60_000);
      const consoleReadyAgainMs = probe
        ? await within(60_000, async () => (await probe!.ready()) === 200)
        : 0;
      const streamSaidBack = probe
        ? await within(
            60_000,
            async () => probe!.events.includes('database:true') && probe!.events.includes('resync'),
          )
        : 0;
      const apiAnswers = probe
        ? await within(30_000, async () => (await probe!.get('/api/runs?limit=1')) === 200)
        : 0;

      const statuses = await drain(engine, runIds, o.drainTimeoutMs);
      const recoveredMs = Date.now() - backAt;
      const counts = await checkInvariants(engine, runIds);
      const saidAvailable = start.logs.some((l) => l.msg === 'database available again');
      const extra = {
        processExited: aliveThroughOutage && start.child.exitCode === null ? 0 : 1,
        notReportedUnavailable: saidUnavailable ? 0 : 1,
        notReportedBack: saidAvailable ? 0 : 1,
        unresumed: resumeMs === undefined ? 1 : 0,
        ...(probe
          ? {
              consoleStayedReady: consoleNotReady === undefined ? 1 : 0,
              streamSilentOnOutage: streamSaidDown === undefined ? 1 : 0,
              consoleNotReadyAgain: consoleReadyAgainMs === undefined ? 1 : 0,
              streamSilentOnRecovery: streamSaidBack === undefined ? 1 : 0,
              apiNotAnswering: apiAnswers === undefined ? 1 : 0,
            }
          : {}),
      };
      return {
        scenario: `\`signalbox start\` outage (${Math.round(o.downMs / 1000)} s)`,
        load: `${o.runs} hello-etl runs × 3 steps of ${o.stepDelayMs} ms, one process tree (embedded PostgreSQL, worker${withConsole ? ', console with a live stream open' : ''})`,
        faults: `database stopped for ${Math.round((backAt - downAt) / 1000)} s mid-run, then started again`,
        counts: { ...counts, ...extra },
        figures: {
          succeeded: statuses.succeeded ?? 0,
          downMs: backAt - downAt,
          resumeMs: resumeMs ?? 'never',
          ...(probe ? { consoleReadyAgainMs: consoleReadyAgainMs ?? 'never' } : {}),
          drainedAfterBackMs: recoveredMs,
        },
        stuckRuns: counts.stuck > 0 ? await describeStuck(engine, runIds) : undefined,
        violations: broken({ ...counts, ...extra }),
      };
    } finally {
      await engine.close();
    }
  } finally {
    probe?.close();
    start.child.kill('SIGINT');
    const timer = setTimeout(() => start.child.kill('SIGKILL'), 30_000);
    await start.exited;
    clearTimeout(timer);
    await restarted?.stop();
    await rm(home, { recursive: true, force: true });
  }
}

import { DEFAULT_STALE_AFTER_MS } from '../../worker/run-worker';
import {
  type ChaosProcess,
  executions,
  overlappingExecutions,
  readLedger,
  sleep,
  spawnWorker,
  startRuns,
} from './harness';
import { broken, checkInvariants, describeStuck, drain } from './invariants';
import { type ScenarioReport, withScenario } from './scenario';

export interface LongOutageOptions {
  workers: number;
  concurrency: number;
  /** Steps longer than the outage: they are running, on live workers, the whole time. */
  stepMs: number;
  /** PostgreSQL down for this long: longer than the heartbeat window. */
  downMs: number;
  /** One worker frozen (SIGSTOP, as a long garbage collection would) for this long, shorter than the window. */
  stallMs: number;
  drainTimeoutMs: number;
}

/**
 * No false deaths: workers running long steps stay alive through a database outage longer than the
 * heartbeat window, and one of them is frozen for a moment (a long garbage collection). None may
 * be declared dead, so no step may start a second time anywhere.
 */
export function longOutage(o: LongOutageOptions): Promise<ScenarioReport> {
  return withScenario('longoutage', async ({ cluster, url, engine, ledger, processes }) => {
    const workers: ChaosProcess[] = await Promise.all(
      Array.from({ length: o.workers }, () =>
        spawnWorker(url, { ledgerDir: ledger, processes, concurrency: o.concurrency }),
      ),
    );
    const runs = o.workers * o.concurrency;
    const runIds = await startRuns(engine, runs, { stepMs: o.stepMs, jitterMs: 0 });
    // Wait until every worker runs its share, and the heartbeats have been steady for a window.
    while (readLedger(ledger).filter((l) => l.event === 'start').length < runs) await sleep(100);
    await sleep(DEFAULT_STALE_AFTER_MS + 1_000);

    const [frozen] = workers;
    frozen!.child.kill('SIGSTOP');
    await sleep(o.stallMs);
    frozen!.child.kill('SIGCONT');
    await sleep(DEFAULT_STALE_AFTER_MS);

    await cluster.stop('fast');
    await sleep(o.downMs);
    await cluster.start();

    const statuses = await drain(engine, runIds, o.drainTimeoutMs);
    const counts = await checkInvariants(engine, runIds);
    const all = executions(readLedger(ledger), new Map());
    const byKey = new Map<string, number>();
    for (const e of all) byKey.set(e.key, (byKey.get(e.key) ?? 0) + 1);
    const executedTwice = [...byKey.values()].filter((count) => count > 1).length;
    const falseDeaths = workers
      .flatMap((w) => w.logs)
      .filter((l) => l.msg === 'released the jobs of a silent worker').length;
    const workerExits = workers.filter(
      (w) => w.child.exitCode !== null || w.child.signalCode !== null,
    ).length;
    const overlaps = overlappingExecutions(all);
    const extra = { falseDeaths, executedTwice, overlappingExecutions: overlaps.length, workerExits };
    return {
      scenario: 'Outage longer than the heartbeat window',
      load: `${runs} runs × 5 steps of ${o.stepMs / 1000} s, ${o.workers} workers × ${o.concurrency}`,
      faults: `one worker frozen ${o.stallMs / 1000} s (SIGSTOP); PostgreSQL down ${o.downMs / 1000} s (window ${DEFAULT_STALE_AFTER_MS / 1000} s) with every step running`,
      counts: { ...counts, ...extra },
      figures: { succeeded: statuses.succeeded ?? 0, stepExecutions: all.length },
      stuckRuns: counts.stuck > 0 ? await describeStuck(engine, runIds) : undefined,
      violations: broken({ ...counts, ...extra }),
    };
  });
}

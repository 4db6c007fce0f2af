import {
  type ChaosProcess,
  executions,
  feedRuns,
  overlappingExecutions,
  percentiles,
  progressResumes,
  readLedger,
  sleep,
  spawnWorker,
} from './harness';
import { broken, checkInvariants, describeStuck, drain } from './invariants';
import { n, type ScenarioReport, withScenario } from './scenario';

export interface PgRestartsOptions {
  workers: number;
  concurrency: number;
  /** Runs started per second while the faults go on. */
  runsPerSecond: number;
  stepMs: number;
  jitterMs: number;
  /** How long PostgreSQL keeps being restarted. */
  faultMs: number;
  /** Time between restarts, and how long the server stays down, both drawn at random in [min, max]. */
  everyMs: [number, number];
  downMs: [number, number];
  drainTimeoutMs: number;
}

const between = ([min, max]: [number, number]) => min + Math.random() * (max - min);

/**
 * PostgreSQL restarted (fast and immediate shutdowns, alternately) at random intervals while
 * workers drain a steady stream of runs. The workers are never restarted by the harness: they must
 * ride through on their own.
 */
export function pgRestarts(o: PgRestartsOptions): Promise<ScenarioReport> {
  return withScenario('restarts', async ({ cluster, url, engine, ledger, processes }) => {
    const workers: ChaosProcess[] = await Promise.all(
      Array.from({ length: o.workers }, () =>
        spawnWorker(url, { ledgerDir: ledger, processes, concurrency: o.concurrency }),
      ),
    );
    const started = Date.now();
    let faulting = true;
    const feeding = feedRuns(engine, {
      perSecond: o.runsPerSecond,
      until: () => !faulting,
      input: { stepMs: o.stepMs, jitterMs: o.jitterMs },
    });
    const resumes: number[] = [];
    const downs: number[] = [];
    let unresumed = 0;
    let restarts = 0;
    while (Date.now() - started < o.faultMs) {
      await sleep(between(o.everyMs));
      const mode = restarts % 2 === 0 ? 'fast' : 'immediate';
      await cluster.stop(mode);
      const down = between(o.downMs);
      await sleep(down);
      await cluster.start();
      restarts += 1;
      downs.push(Math.round(down));
      const resumed = await progressResumes(engine, 60_000);
      if (resumed === undefined) unresumed += 1;
      else resumes.push(resumed);
    }
    faulting = false;
    const fed = await feeding;
    const statuses = await drain(engine, undefined, o.drainTimeoutMs);
    const durationMs = Date.now() - started;
    const workerExits = workers.filter(
      (w) => w.child.exitCode !== null || w.child.signalCode !== null,
    ).length;
    const counts = await checkInvariants(engine, undefined);
    const overlaps = overlappingExecutions(executions(readLedger(ledger), new Map()));
    const resume = percentiles(resumes);
    const strays = workers
      .flatMap((w) => w.logs)
      .filter((l) => l.msg === 'database error outside a request; carrying on').length;
    const total = Object.values(statuses).reduce((a, b) => a + b, 0);
    return {
      scenario: 'PostgreSQL restarts',
      load: `${n(total)} runs × 5 steps (${o.runsPerSecond} started a second), ${o.workers} workers × ${o.concurrency}`,
      faults: `${restarts} restarts (fast and immediate, alternately) every ${o.everyMs[0] / 1000}–${o.everyMs[1] / 1000} s for ${Math.round(o.faultMs / 1000)} s, down ${o.downMs[0] / 1000}–${o.downMs[1] / 1000} s; workers never restarted`,
      counts: { ...counts, overlappingExecutions: overlaps.length, workerExits, unresumed },
      figures: {
        succeeded: statuses.succeeded ?? 0,
        startsRefusedWhileDown: fed.refused,
        strayDatabaseErrorsCaught: strays,
        downMsMax: Math.max(0, ...downs),
        resumeP50Ms: resume.p50,
        resumeP99Ms: resume.p99,
        resumeMaxMs: resume.max,
        durationMs,
      },
      stuckRuns: counts.stuck > 0 ? await describeStuck(engine, undefined) : undefined,
      violations: broken({ ...counts, overlappingExecutions: overlaps.length, workerExits, unresumed }),
    };
  });
}

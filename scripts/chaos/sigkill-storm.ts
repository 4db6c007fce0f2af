import {
  type ChaosProcess,
  executions,
  overlappingExecutions,
  percentiles,
  readLedger,
  sleep,
  spawnWorker,
  startRuns,
} from './harness';
import { broken, checkInvariants, describeStuck, drain } from './invariants';
import { n, type ScenarioReport, withScenario } from './scenario';

export interface SigkillStormOptions {
  runs: number;
  workers: number;
  concurrency: number;
  killEveryMs: number;
  stepMs: number;
  jitterMs: number;
  /** Fail when the p99 from a kill to its stranded step running elsewhere is above this. */
  recoveryTargetMs?: number;
  drainTimeoutMs: number;
}

/**
 * SIGKILL storm: workers drain runs of a five-step pipeline while a random worker is killed every
 * `killEveryMs` (skipped while more than one replacement is still booting) and replaced. Recovery is measured from each kill to each step it stranded starting
 * again on another worker (from the workers' ledgers).
 */
export function sigkillStorm(o: SigkillStormOptions): Promise<ScenarioReport> {
  return withScenario('sigkill', async ({ url, engine, ledger, processes }) => {
    const spawn = () => spawnWorker(url, { ledgerDir: ledger, processes, concurrency: o.concurrency });
    const alive: ChaosProcess[] = await Promise.all(Array.from({ length: o.workers }, spawn));
    const started = Date.now();
    const runIds = await startRuns(engine, o.runs, { stepMs: o.stepMs, jitterMs: o.jitterMs });

    const killedAt = new Map<number, number>();
    let finished = false;
    const killer = (async () => {
      while (!finished) {
        await sleep(o.killEveryMs);
        // On a loaded machine a replacement takes seconds to boot: keep most of the pool up, or the
        // storm would only measure boot times.
        if (finished || alive.length < o.workers - 1) continue;
        const [victim] = alive.splice(Math.floor(Math.random() * alive.length), 1);
        victim!.kill('SIGKILL');
        killedAt.set(victim!.pid, victim!.killedAt!);
        // The replacement boots while the storm goes on.
        void spawn().then(
          (proc) => alive.push(proc),
          () => undefined, // the scenario ended before it was up
        );
      }
    })();
    const statuses = await drain(engine, runIds, o.drainTimeoutMs);
    finished = true;
    await killer;
    const durationMs = Date.now() - started;

    const counts = await checkInvariants(engine, runIds);
    const all = executions(readLedger(ledger), killedAt);
    const overlaps = overlappingExecutions(all);
    const recoveries: number[] = [];
    let unrecovered = 0;
    for (const stranded of all.filter((e) => e.outcome === 'killed')) {
      const again = all.find(
        (e) => e.key === stranded.key && e.pid !== stranded.pid && e.start >= stranded.end,
      );
      if (again) recoveries.push(again.start - stranded.end);
      else unrecovered += 1;
    }
    const recovery = percentiles(recoveries);
    const violations = broken({ ...counts, overlappingExecutions: overlaps.length, unrecovered });
    if (o.recoveryTargetMs !== undefined && recovery.p99 > o.recoveryTargetMs) {
      violations.push(`recovery p99 ${recovery.p99} ms > ${o.recoveryTargetMs} ms`);
    }
    return {
      scenario: 'SIGKILL storm',
      load: `${n(o.runs)} runs × 5 steps (${o.stepMs} ± ${o.jitterMs} ms), ${o.workers} workers × ${o.concurrency}`,
      faults: `${killedAt.size} SIGKILLs, one every ${o.killEveryMs / 1000} s, each worker replaced`,
      counts: { ...counts, overlappingExecutions: overlaps.length, unrecovered },
      figures: {
        succeeded: statuses.succeeded ?? 0,
        stepExecutions: all.length,
        strandedSteps: recoveries.length + unrecovered,
        recoveryP50Ms: recovery.p50,
        recoveryP99Ms: recovery.p99,
        recoveryMaxMs: recovery.max,
        durationMs,
      },
      stuckRuns: counts.stuck > 0 ? await describeStuck(engine, runIds) : undefined,
      violations,
    };
  });
}

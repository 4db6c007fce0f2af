import { HARD_STOP_AFTER_GRACE_MS } from '../../worker/run-worker';
import { executions, overlappingExecutions, readLedger, sleep, spawnWorker, startRuns } from './harness';
import { broken, checkInvariants, describeStuck, drain } from './invariants';
import { type ScenarioReport, withScenario } from './scenario';

export interface SigtermDrainOptions {
  runs: number;
  concurrency: number;
  /** Steps last longer than the grace period, so the stopping worker has to abort them. */
  stepMs: number;
  graceSeconds: number;
  drainTimeoutMs: number;
}

/**
 * SIGTERM mid-step: a worker running steps longer than its grace period is told to stop. It must
 * exit within the grace period (plus teardown), and each step it aborted must run again exactly
 * once, elsewhere, and finish.
 */
export function sigtermDrain(o: SigtermDrainOptions): Promise<ScenarioReport> {
  return withScenario('sigterm', async ({ url, engine, ledger, processes }) => {
    const env = { WORKER_GRACE_SECONDS: String(o.graceSeconds) };
    const [first] = await Promise.all([
      spawnWorker(url, { ledgerDir: ledger, processes, concurrency: o.concurrency, env }),
      spawnWorker(url, { ledgerDir: ledger, processes, concurrency: o.concurrency, env }),
    ]);
    const runIds = await startRuns(engine, o.runs, { stepMs: o.stepMs, jitterMs: 0 });
    // SIGTERM once the first worker is a little way into its steps.
    const inFlight = () =>
      executions(readLedger(ledger), new Map()).filter(
        (e) => e.pid === first!.pid && e.outcome === 'unfinished' && Date.now() - e.start > o.stepMs / 4,
      ).length;
    while (inFlight() === 0) await sleep(25);
    const termAt = Date.now();
    first!.kill('SIGTERM');
    const exitCode = await first!.exited;
    const exitMs = Date.now() - termAt;

    const statuses = await drain(engine, runIds, o.drainTimeoutMs);
    const counts = await checkInvariants(engine, runIds);
    const all = executions(readLedger(ledger), new Map());
    const aborted = all.filter((e) => e.pid === first!.pid && e.outcome === 'aborted');
    let notRerun = 0;
    let rerunMoreThanOnce = 0;
    for (const a of aborted) {
      const again = all.filter(
        (e) => e.key === a.key && e.pid !== first!.pid && e.start >= a.end && e.outcome === 'ok',
      );
      if (again.length === 0) notRerun += 1;
      if (again.length > 1) rerunMoreThanOnce += 1;
    }
    const overlaps = overlappingExecutions(all);
    // The grace period, then the hard stop (aborted steps, runner killed) after 5 s more at worst.
    const lateExit = exitMs > o.graceSeconds * 1_000 + HARD_STOP_AFTER_GRACE_MS ? 1 : 0;
    const badExitCode = exitCode === 0 ? 0 : 1;
    const extra = { abortedNotRerun: notRerun, abortedRerunTwice: rerunMoreThanOnce, lateExit, badExitCode };
    return {
      scenario: 'SIGTERM drain',
      load: `${o.runs} runs × 5 steps of ${o.stepMs / 1000} s, 2 workers × ${o.concurrency}`,
      faults: `SIGTERM to a worker with ${aborted.length} steps running, grace ${o.graceSeconds} s`,
      counts: { ...counts, overlappingExecutions: overlaps.length, ...extra },
      figures: {
        succeeded: statuses.succeeded ?? 0,
        abortedSteps: aborted.length,
        exitMs,
        exitCode: String(exitCode),
      },
      stuckRuns: counts.stuck > 0 ? await describeStuck(engine, runIds) : undefined,
      violations: [
        ...broken({ ...counts, overlappingExecutions: overlaps.length, ...extra }),
        ...(aborted.length === 0 ? ['no step was running at SIGTERM: the scenario proved nothing'] : []),
      ],
    };
  });
}

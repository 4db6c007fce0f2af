import postgres from 'postgres';
import {
  type ChaosProcess,
  executions,
  feedRuns,
  overlappingExecutions,
  readLedger,
  sleep,
  spawnWorker,
} from './harness';
import { broken, checkInvariants, describeStuck, drain } from './invariants';
import { n, type ScenarioReport, withScenario } from './scenario';

export interface ConnectionKillsOptions {
  workers: number;
  concurrency: number;
  runsPerSecond: number;
  stepMs: number;
  jitterMs: number;
  /** How long connections keep being killed. */
  faultMs: number;
  killEveryMs: number;
  drainTimeoutMs: number;
}

/**
 * `pg_terminate_backend` on a random Signalbox connection (steps' pool, heartbeat, listen, queue;
 * idle, or, every other time, mid-statement when one is) every `killEveryMs`, while workers drain a
 * steady stream of runs.
 */
export function connectionKills(o: ConnectionKillsOptions): Promise<ScenarioReport> {
  return withScenario('connkills', async ({ cluster, url, engine, ledger, processes }) => {
    const workers: ChaosProcess[] = await Promise.all(
      Array.from({ length: o.workers }, () =>
        spawnWorker(url, { ledgerDir: ledger, processes, concurrency: o.concurrency }),
      ),
    );
    const admin = postgres(cluster.adminUrl, { max: 1, onnotice: () => {} });
    const started = Date.now();
    let faulting = true;
    const feeding = feedRuns(engine, {
      perSecond: o.runsPerSecond,
      until: () => !faulting,
      input: { stepMs: o.stepMs, jitterMs: o.jitterMs },
    });
    const killed = new Map<string, number>();
    let midStatement = 0;
    let round = 0;
    try {
      while (Date.now() - started < o.faultMs) {
        await sleep(o.killEveryMs);
        // Every other kill waits (briefly) for a connection in the middle of a statement.
        const preferActive = round++ % 2 === 1;
        let victim: { pid: number; app: string; state: string } | undefined;
        for (let look = 0; look < (preferActive ? 100 : 1) && victim?.state !== 'active'; look++) {
          if (look > 0) await sleep(5);
          [victim] = await admin<{ pid: number; app: string; state: string }[]>`
            select pid, application_name as app, state from pg_stat_activity
            where datname = 'chaos' and application_name like 'signalbox%'
            order by ${preferActive ? admin`state = 'active' desc,` : admin``} random() limit 1`;
        }
        if (!victim) continue;
        await admin`select pg_terminate_backend(${victim.pid})`;
        killed.set(victim.app, (killed.get(victim.app) ?? 0) + 1);
        if (victim.state === 'active') midStatement += 1;
      }
    } finally {
      await admin.end();
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
    const total = Object.values(statuses).reduce((a, b) => a + b, 0);
    const kills = [...killed.values()].reduce((a, b) => a + b, 0);
    return {
      scenario: 'Connection kills',
      load: `${n(total)} runs × 5 steps (${o.runsPerSecond} started a second), ${o.workers} workers × ${o.concurrency}`,
      faults: `${kills} pg_terminate_backend (${midStatement} mid-statement), one every ${o.killEveryMs / 1000} s for ${Math.round(o.faultMs / 1000)} s: ${[
        ...killed,
      ]
        .map(([app, count]) => `${app.replace('signalbox-', '')} ${count}`)
        .join(', ')}`,
      counts: { ...counts, overlappingExecutions: overlaps.length, workerExits },
      figures: {
        succeeded: statuses.succeeded ?? 0,
        startsRefused: fed.refused,
        kills,
        midStatement,
        durationMs,
      },
      stuckRuns: counts.stuck > 0 ? await describeStuck(engine, undefined) : undefined,
      violations: broken({ ...counts, overlappingExecutions: overlaps.length, workerExits }),
    };
  });
}

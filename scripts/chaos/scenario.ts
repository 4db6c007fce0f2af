import type { Engine } from '../../core/engine';
import { type ChaosCluster, chaosCluster } from './cluster';
import { type ChaosProcess, chaosEngine, ledgerDir, removeLedger } from './harness';

/** What a scenario reports: printed by `npm run chaos`, asserted by the tests, tabled in docs/reliability.md. */
export interface ScenarioReport {
  scenario: string;
  /** The work done, e.g. "1,000 runs × 5 steps, 4 workers × 4 steps". */
  load: string;
  /** The faults injected, e.g. "48 SIGKILLs, one every 2 s". */
  faults: string;
  /** Invariant counts: every one must be 0. */
  counts: Record<string, number>;
  /** Measured figures (times in ms). */
  figures: Record<string, number | string>;
  /** What broke (empty when every invariant held and every target was met). */
  violations: string[];
  /** When runs are stuck: what the first few wait for. */
  stuckRuns?: unknown[];
}

export interface ScenarioEnv {
  cluster: ChaosCluster;
  url: string;
  engine: Engine;
  ledger: string;
  /** Processes to stop (SIGTERM, then SIGKILL) when the scenario ends. */
  processes: ChaosProcess[];
}

/** A fresh cluster, database, harness engine and ledger folder for one scenario; all removed afterwards. */
export async function withScenario<T>(name: string, body: (env: ScenarioEnv) => Promise<T>): Promise<T> {
  const cluster = await chaosCluster(`signalbox-chaos-${name}`);
  const processes: ChaosProcess[] = [];
  const ledger = ledgerDir();
  let engine: Engine | undefined;
  try {
    const url = await cluster.createDatabase('chaos');
    engine = chaosEngine(url);
    return await body({ cluster, url, engine, ledger, processes });
  } finally {
    await Promise.all(
      processes.map(async (proc) => {
        if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
        proc.child.kill('SIGTERM');
        const timer = setTimeout(() => proc.child.kill('SIGKILL'), 20_000);
        await proc.exited;
        clearTimeout(timer);
      }),
    );
    await engine?.close().catch(() => undefined);
    await cluster.destroy();
    removeLedger(ledger);
  }
}

/** "1,000" */
export const n = (value: number) => value.toLocaleString('en-US');

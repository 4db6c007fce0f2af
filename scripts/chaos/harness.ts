import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createSystemActor } from '../../core/auth/system-actor';
import { createEngine, type Engine } from '../../core/engine';
import { startRun } from '../../core/runs/start-run';
import { CHAOS_PIPELINE, chaosPipeline, type LedgerLine } from './chaos-pipeline';

const ROOT = join(import.meta.dirname, '..', '..');
const CHAOS_ACTOR = createSystemActor('chaos');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A log line of a worker process (JSON lines). */
export type LogLine = { msg?: string; level?: number | string } & Record<string, unknown>;

export interface ChaosProcess {
  pid: number;
  child: ChildProcess;
  logs: LogLine[];
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string | null>;
  /** When the harness killed it (epoch ms). */
  killedAt?: number;
  kill(signal: NodeJS.Signals): void;
  /** Resolves once a log line matches. */
  waitFor(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
}

/** Spawns a Node process running a TypeScript entry (through tsx) and collects its JSON log lines. */
export function spawnProcess(
  entry: string,
  args: string[],
  env: Record<string, string | undefined>,
): ChaosProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, entry), ...args], {
    cwd: ROOT,
    // CHAOS_LOG_DIR=folder keeps every process's log lines there (one file per pid), for digging.
    env: { ...process.env, LOG_FORMAT: 'json', LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'info', ...env },
    // The child watches its stdin: when this process dies, the pipe closes and the child stops too.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const waiters = new Set<{ match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }>();
  let buffer = '';
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const text = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        line = { msg: text, raw: true };
      }
      logs.push(line);
      if (process.env.CHAOS_LOG_DIR)
        appendFileSync(join(process.env.CHAOS_LOG_DIR, `${child.pid}.jsonl`), `${text}\n`);
      for (const waiter of waiters) {
        if (waiter.match(line)) {
          waiters.delete(waiter);
          waiter.resolve(line);
        }
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const proc: ChaosProcess = {
    pid: child.pid!,
    child,
    logs,
    exited,
    kill(signal) {
      proc.killedAt ??= Date.now();
      child.kill(signal);
    },
    waitFor(match, timeoutMs = 60_000) {
      const seen = logs.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.add(waiter);
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no log line matched within ${timeoutMs} ms; last lines:\n${tail(logs)}`));
        }, timeoutMs);
        timer.unref();
        void exited.then(() => {
          if (!waiters.has(waiter)) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          reject(new Error(`process exited before the expected log line; last lines:\n${tail(logs)}`));
        });
      });
    },
  };
  return proc;
}

const tail = (logs: LogLine[]) =>
  logs
    .slice(-15)
    .map((l) => JSON.stringify(l))
    .join('\n');

/**
 * A `signalbox worker` process running the chaos pipeline; resolves once it has started. It is added
 * to `processes` at once, so the scenario stops it even if it never finishes starting.
 */
export async function spawnWorker(
  databaseUrl: string,
  options: {
    ledgerDir: string;
    processes: ChaosProcess[];
    concurrency?: number;
    env?: Record<string, string>;
  },
): Promise<ChaosProcess> {
  const proc = spawnProcess('scripts/chaos/chaos-worker.ts', [], {
    DATABASE_URL: databaseUrl,
    CHAOS_LEDGER_DIR: options.ledgerDir,
    WORKER_CONCURRENCY: String(options.concurrency ?? 4),
    ...options.env,
  });
  options.processes.push(proc);
  await proc.waitFor((line) => line.msg === 'worker started', 120_000);
  return proc;
}

/** The harness's own engine on the scenario's database (it starts runs and reads the outcome). */
export const chaosEngine = (url: string): Engine =>
  createEngine({
    database: url,
    pool: { max: 8, applicationName: 'chaos-harness' },
    pipelines: [chaosPipeline],
  });

/**
 * Starts runs while `until` is in the future, `perSecond` a second, riding through outages (a start
 * that fails for want of a database is simply not counted). Resolves with the ids it got back.
 */
export async function feedRuns(
  engine: Engine,
  options: { perSecond: number; until: () => boolean; input: { stepMs: number; jitterMs: number } },
): Promise<{ started: string[]; refused: number }> {
  const started: string[] = [];
  let refused = 0;
  while (!options.until()) {
    const tick = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: options.perSecond }, () =>
        startRun(engine, { pipelineId: CHAOS_PIPELINE, input: options.input }, CHAOS_ACTOR),
      ),
    );
    for (const r of results) {
      if (r.status === 'fulfilled') started.push(r.value.run.id);
      else refused += 1;
    }
    await sleep(Math.max(0, 1_000 - (Date.now() - tick)));
  }
  return { started, refused };
}

/** Starts `count` runs of the chaos pipeline, a few at a time; returns their ids. */
export async function startRuns(
  engine: Engine,
  count: number,
  input: { stepMs: number; jitterMs: number },
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, () =>
      startRun(engine, { pipelineId: CHAOS_PIPELINE, input }, CHAOS_ACTOR),
    );
    for (const { run } of await Promise.all(batch)) ids.push(run.id);
  }
  return ids;
}

/** A folder for the workers' ledgers. */
export const ledgerDir = (): string => mkdtempSync(join(tmpdir(), 'signalbox-ledger-'));

/** Every ledger line the workers wrote, oldest first. */
export function readLedger(dir: string): LedgerLine[] {
  const lines: LedgerLine[] = [];
  for (const file of readdirSync(dir)) {
    for (const text of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (text) lines.push(JSON.parse(text) as LedgerLine);
    }
  }
  return lines.sort((a, b) => a.at - b.at);
}

export const removeLedger = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** One execution of a step attempt's handler: from its start to its end (or its process's death). */
export interface Execution {
  key: string;
  pid: number;
  start: number;
  end: number;
  outcome: 'ok' | 'aborted' | 'killed' | 'unfinished';
}

/**
 * Pairs ledger lines into executions. An execution without an end ended when its process was killed
 * (`killedAt` by pid), or is still going.
 */
export function executions(lines: LedgerLine[], killedAt: ReadonlyMap<number, number>): Execution[] {
  const open = new Map<string, LedgerLine>();
  const done: Execution[] = [];
  for (const line of lines) {
    const id = `${line.pid}:${line.key}`;
    if (line.event === 'start') open.set(id, line);
    else {
      const start = open.get(id);
      if (!start) continue;
      open.delete(id);
      done.push({
        key: line.key,
        pid: line.pid,
        start: start.at,
        end: line.at,
        outcome: line.outcome ?? 'ok',
      });
    }
  }
  for (const start of open.values()) {
    const killed = killedAt.get(start.pid);
    done.push({
      key: start.key,
      pid: start.pid,
      start: start.at,
      end: killed ?? Number.POSITIVE_INFINITY,
      outcome: killed ? 'killed' : 'unfinished',
    });
  }
  return done.sort((a, b) => a.start - b.start);
}

/** Step attempts whose handler ran in two processes at the same time (the engine must never allow it). */
export function overlappingExecutions(all: Execution[]): Array<[Execution, Execution]> {
  const byKey = new Map<string, Execution[]>();
  for (const e of all) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  const overlaps: Array<[Execution, Execution]> = [];
  for (const list of byKey.values()) {
    for (let i = 1; i < list.length; i++) {
      const previous = list.slice(0, i).find((p) => p.pid !== list[i]!.pid && p.end > list[i]!.start);
      if (previous) overlaps.push([previous, list[i]!]);
    }
  }
  return overlaps;
}

/** p50 / p99 / max of a list of durations (ms). */
export function percentiles(values: number[]): { count: number; p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 };
}

/** Time from the server being back to the first transition committed after it. */
export async function progressResumes(engine: Engine, timeoutMs: number): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  let back: string | undefined;
  while (Date.now() < deadline) {
    try {
      back ??= (await engine.db.execute<{ now: string }>(sql`select now()::text as now`))[0]!.now;
      const [row] = await engine.db.execute<{ ms: number | null }>(sql`
        select (extract(epoch from min(at) - ${back}::timestamptz) * 1000)::int as ms
        from transitions where at > ${back}::timestamptz`);
      if (row?.ms !== null && row?.ms !== undefined) return row.ms;
    } catch {
      // the harness's own connections reconnect too
    }
    await sleep(100);
  }
  return undefined;
}

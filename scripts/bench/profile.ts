// Where the time goes on the throughput figure, for one side: the worker's V8 CPU profile (top
// self-time functions), pg_stat_statements (top statements by total time) and what backends wait
// on (pg_stat_activity sampled every 5 ms: WAL flushes, the NOTIFY queue lock, row locks…).
// Usage: npm run bench:profile -- [--side signalbox|raw] [--runs 100] [--batching] [--non-durable]
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { openSide, type SideName } from './bench-side';
import { FULL } from './figures';

const { values } = parseArgs({
  options: {
    side: { type: 'string', default: 'signalbox' },
    runs: { type: 'string', default: String(FULL.runs) },
    batching: { type: 'boolean', default: false },
    'non-durable': { type: 'boolean', default: false },
  },
});
const side = values.side as SideName;
const runs = Number(values.runs);
const profileDir = mkdtempSync(join(tmpdir(), 'signalbox-cpu-prof-'));

const opened = await openSide({
  side,
  processes: 1,
  concurrency: FULL.concurrency,
  batching: values.batching,
  shape: { chains: [FULL.steps], fanOut: 2 },
  cluster: { statements: true, nonDurable: values['non-durable'] },
  cpuProfileDir: profileDir,
});
const waits = new Map<string, number>();
let sampling = true;
const sampler = (async () => {
  const watcher = postgres(opened.url, { max: 1, onnotice: () => {} });
  while (sampling) {
    const rows = await watcher<{ w: string; n: number }[]>`
      select coalesce(wait_event_type || ':' || wait_event, 'CPU (no wait)') as w, count(*)::int as n
      from pg_stat_activity where backend_type = 'client backend' and state = 'active' and pid <> pg_backend_pid()
      group by 1`;
    for (const { w, n } of rows) waits.set(w, (waits.get(w) ?? 0) + n);
    await new Promise((r) => setTimeout(r, 5));
  }
  await watcher.end();
})();

await Promise.all([opened.finished(5), opened.startMany(5, FULL.steps)]);
await opened.sql`select pg_stat_statements_reset()`;
const from = performance.now();
await Promise.all([opened.finished(runs), opened.startMany(runs, FULL.steps)]);
const ms = performance.now() - from;
sampling = false;
await sampler;
const statements = await opened.sql<
  { calls: number; total: number; mean: number; plans: number; plan: number; wal: number; query: string }[]
>`
  select calls::int, round(total_exec_time::numeric, 1)::float as total, round(mean_exec_time::numeric, 3)::float as mean,
    plans::int, round(total_plan_time::numeric, 1)::float as plan,
    (wal_bytes / calls)::int as wal,
    regexp_replace(left(query, 160), '\\s+', ' ', 'g') as query
  from pg_stat_statements where calls > 0 order by total_exec_time desc limit 12`;
await opened.close();

process.stdout.write(
  `${side}: ${runs} runs × ${FULL.steps} steps in ${ms.toFixed(0)} ms → ${((runs * FULL.steps * 1000) / ms).toFixed(0)} transitions/s\n`,
);
process.stdout.write(
  '\npg_stat_statements by total time: total ms, calls, mean ms, plans (planning ms), WAL bytes per call, statement\n',
);
for (const s of statements)
  process.stdout.write(
    `  ${String(s.total).padStart(8)} ${String(s.calls).padStart(6)}× ${String(s.mean).padStart(7)} ${`${s.plans} (${s.plan})`.padStart(12)} ${String(s.wal).padStart(6)}  ${s.query}\n`,
  );
process.stdout.write('\nactive backends by wait event (5 ms samples):\n');
for (const [w, n] of [...waits].sort((a, b) => b[1] - a[1]).slice(0, 10))
  process.stdout.write(`  ${String(n).padStart(6)}  ${w}\n`);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
const [file] = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
if (file) {
  const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  for (const id of profile.samples) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = url
      ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*wt-[^/]+\//, '')}:${lineNumber + 1}`
      : '';
    const key = `${functionName || '(anonymous)'} ${where}`;
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  const total = profile.samples.length;
  process.stdout.write(
    `\nworker CPU profile, top self time (${total} samples, ${join(profileDir, file)}):\n`,
  );
  for (const [key, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    process.stdout.write(`  ${((100 * n) / total).toFixed(1).padStart(5)} %  ${key}\n`);
  }
}

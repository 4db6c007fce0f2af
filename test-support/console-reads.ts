import { AuditQuerySchema } from '../contracts/admin';
import { RunFilterSchema } from '../contracts/runs';
import { listAudit } from '../core/audit/list-audit';
import type { Actor } from '../core/auth/actor';
import type { Engine } from '../core/engine';
import { getOverview } from '../core/overview/get-overview';
import { parseInput } from '../core/parse-input';
import { getPipelineView } from '../core/pipeline-views/get-pipeline-view';
import { listPipelineSummaries } from '../core/pipeline-views/list-pipeline-summaries';
import { countRunsByStatus } from '../core/runs/count-runs-by-status';
import { getRunPage } from '../core/runs/get-run-page';
import { listRuns } from '../core/runs/list-runs';
import { encodeRunCursor } from '../core/runs/run-cursor';
import { parseRunListQuery } from '../core/runs/run-list-query';

/** Values the reads need from the seeded data: a run, its id prefix, an idempotency key, a deep key. */
export interface ReadFixture {
  runId: string;
  idempotencyKey: string;
  /** A (created_at as text with microseconds, id) far down the default order: a deep keyset page. */
  deepKey: { createdAt: string; id: string };
}

export interface ConsoleRead {
  name: string;
  /** `list` and `count` reads must not scan the whole runs table (checked with EXPLAIN). */
  kind: 'list' | 'count' | 'page';
  run(engine: Engine, reader: Actor): Promise<unknown>;
}

const list = (name: string, search: string): ConsoleRead => ({
  name,
  kind: 'list',
  run: (engine, reader) => listRuns(engine, reader, parseRunListQuery(new URLSearchParams(search))),
});

const counts = (name: string, search: string): ConsoleRead => ({
  name,
  kind: 'count',
  run: (engine, reader) =>
    countRunsByStatus(
      engine,
      parseInput(RunFilterSchema, Object.fromEntries(new URLSearchParams(search)), 'filter'),
      reader,
    ),
});

const DAY = 24 * 60 * 60 * 1000;
const isoDay = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);

/**
 * Every read the console makes, with each filter and sort of the runs list: what
 * `npm run bench:console` times and what the index test explains.
 */
export function consoleReads(fixture: ReadFixture): ConsoleRead[] {
  const deepCursor = encodeRunCursor({
    sort: 'createdAt',
    dir: 'desc',
    kind: 'after',
    key: { value: null, ...fixture.deepKey },
  });
  const filters: [string, string][] = [
    ['no filter', ''],
    ['pipeline', 'pipeline=lab-results-csv'],
    ['status failed', 'status=failed'],
    ['status running,waiting', 'status=running,waiting'],
    ['status cancelled', 'status=cancelled'],
    ['state', 'state=awaiting_review'],
    ['pipeline + state', 'pipeline=hello-etl&state=transforming'],
    ['pipeline + status', 'pipeline=hello-etl&status=failed'],
    ['created last 7 days', `createdAfter=${isoDay(7)}`],
    ['created 30–60 days ago', `createdAfter=${isoDay(60)}&createdBefore=${isoDay(30)}`],
    ['search id prefix', `q=${fixture.runId.slice(0, 8)}`],
    ['search idempotency key', `q=${fixture.idempotencyKey}`],
  ];
  const sorts = ['created', 'updated', 'pipeline', 'status', 'state'];
  return [
    ...filters.map(([name, search]) => list(`runs list, ${name}`, search)),
    ...sorts.flatMap((sort) => [
      list(`runs list, sort ${sort} desc`, `sort=${sort}&dir=desc`),
      list(`runs list, sort ${sort} asc`, `sort=${sort}&dir=asc`),
    ]),
    list('runs list, sort updated, status failed', 'sort=updated&status=failed'),
    list('runs list, sort state, pipeline', 'sort=state&pipeline=hello-etl'),
    list('runs list, 200 rows sorted by update', 'sort=updated&limit=200'),
    list('runs list, deep keyset page', `cursor=${deepCursor}`),
    ...filters.map(([name, search]) => counts(`status counts, ${name}`, search)),
    { name: 'overview', kind: 'page', run: (engine, reader) => getOverview(engine, reader) },
    { name: 'pipelines list', kind: 'page', run: (engine, reader) => listPipelineSummaries(engine, reader) },
    {
      name: 'pipeline page (state counts)',
      kind: 'page',
      run: (engine, reader) => getPipelineView(engine, 'lab-results-csv', reader),
    },
    {
      name: 'run page (run, transitions, attempts)',
      kind: 'page',
      run: (engine, reader) => getRunPage(engine, fixture.runId, reader),
    },
    {
      name: 'audit log',
      kind: 'page',
      run: (engine, reader) => listAudit(engine, reader, AuditQuerySchema.parse({})),
    },
    {
      name: 'audit log of a run',
      kind: 'page',
      run: (engine, reader) =>
        listAudit(engine, reader, AuditQuerySchema.parse({ target: `run:${fixture.runId}` })),
    },
  ];
}

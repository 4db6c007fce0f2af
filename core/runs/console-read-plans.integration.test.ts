import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSyntheticRuns } from '../../db/queries/seed-synthetic-runs';
import { allPipelines } from '../../pipelines/all-pipelines';
import {
  type CapturedQuery,
  capturingDatabase,
  explain,
  planNodes,
  planOutline,
} from '../../test-support/capturing-database';
import { consoleReads, type ReadFixture } from '../../test-support/console-reads';
import { person } from '../../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { createEngine, type Engine } from '../engine';
import { silentLogger } from '../logger';

/**
 * The runs list and its counts stay index range scans whatever the filter and the sort: with enough
 * rows (50,000) for the planner to prefer indexes, no query behind any filter or sort reads the
 * whole runs table. Timing is `npm run bench:console`'s job; this checks the plans.
 */
const RUNS = 50_000;

let test: TestDatabase;
let database: ReturnType<typeof capturingDatabase>;
let engine: Engine;
let fixture: ReadFixture;

beforeAll(async () => {
  test = await createTestDatabase();
  await seedSyntheticRuns(test.sql, { runs: RUNS, transitionsPerRun: 1, attemptsPerRun: 1 });
  // On this test cluster a VACUUM right after the seed leaves every page not all-visible
  // (relallvisible 0; a second VACUUM, a CHECKPOINT or a second's wait marks them), and without that
  // the planner prices index-only scans as heap reads. Production tables are vacuumed long after.
  await test.sql`checkpoint`;
  await test.sql`vacuum analyze runs`;
  const [sample] = await test.sql<{ id: string; key: string }[]>`
    select id, (select idempotency_key from runs where idempotency_key is not null limit 1) as key
    from runs limit 1 offset 100`;
  const [deep] = await test.sql<{ created_at: string; id: string }[]>`
    select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at, id
    from runs order by created_at desc, id desc offset ${RUNS / 2} limit 1`;
  fixture = {
    runId: sample!.id,
    idempotencyKey: sample!.key,
    deepKey: { createdAt: deep!.created_at, id: deep!.id },
  };
  database = capturingDatabase(test.url);
  engine = createEngine({ database, pipelines: allPipelines, logger: silentLogger });
}, 120_000);

afterAll(async () => {
  await database?.close();
  await test?.drop();
});

const touchesRuns = (query: CapturedQuery) => /\bfrom "?runs"?\b/i.test(query.text);

describe('the console reads at scale', () => {
  it('never scan the whole runs table, whatever the filter or sort', async () => {
    const reader = person('admin');
    const scans: string[] = [];
    let explained = 0;
    for (const read of consoleReads(fixture)) {
      database.captured.length = 0;
      await read.run(engine, reader);
      for (const query of database.captured.filter(touchesRuns)) {
        const { plan } = await explain(database.sql, query);
        explained += 1;
        const seqScan = planNodes(plan).some(
          (node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'runs',
        );
        if (seqScan) scans.push(`${read.name}: ${planOutline(plan)}`);
      }
    }
    expect(explained).toBeGreaterThan(40);
    expect(scans, scans.join('\n')).toEqual([]);
  });

  it('counts exactly up to the cap and says when it stopped', async () => {
    const { countRunsByStatus } = await import('./count-runs-by-status');
    const facets = await countRunsByStatus(engine, {}, person('viewer'));
    // 90 % of 50,000 succeeded: more than the cap; 6 % failed: exact.
    expect(facets.capped).toEqual(['succeeded']);
    expect(facets.counts.succeeded).toBe(10_000);
    expect(facets.counts.failed).toBe(RUNS * 0.06);
  });
});

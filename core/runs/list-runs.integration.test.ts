import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentReview } from '../../pipelines/document-review/document-review.pipeline';
import { helloEtl } from '../../pipelines/hello-etl/hello-etl.pipeline';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { actor } from '../../test-support/test-actors';
import { countRunsByStatus } from './count-runs-by-status';
import { listRuns } from './list-runs';
import { parseRunListQuery } from './run-list-query';
import { startRun } from './start-run';

/** Run ids by idempotency key. */
const ids = new Map<string, string>();

/**
 * Ten runs with known creation times (microseconds apart for r5/r6, identical for r7–r9, so that
 * ordering and paging must use the full precision and the id tie-breaker), statuses and states.
 */
const FIXTURE = [
  { key: 'r0', pipeline: 'hello-etl', at: '2026-11-20T10:00:00.000000Z', status: 'succeeded', state: 'done' },
  { key: 'r1', pipeline: 'hello-etl', at: '2026-11-21T10:00:00.000000Z', status: 'failed', state: 'failed' },
  {
    key: 'r2',
    pipeline: 'document-review',
    at: '2026-11-22T10:00:00.000000Z',
    status: 'running',
    state: 'checks.scanning',
  },
  {
    key: 'r3',
    pipeline: 'document-review',
    at: '2026-11-22T11:00:00.000000Z',
    status: 'waiting',
    state: 'awaiting_approval',
  },
  {
    key: 'r4',
    pipeline: 'hello-etl',
    at: '2026-11-23T10:00:00.000000Z',
    status: 'running',
    state: 'transforming',
  },
  { key: 'r5', pipeline: 'hello-etl', at: '2026-11-24T10:00:00.000001Z', status: 'failed', state: 'failed' },
  {
    key: 'r6',
    pipeline: 'hello-etl',
    at: '2026-11-24T10:00:00.000002Z',
    status: 'cancelled',
    state: 'loading',
  },
  {
    key: 'r7',
    pipeline: 'document-review',
    at: '2026-11-24T12:00:00.000000Z',
    status: 'running',
    state: 'checks.classifying',
  },
  { key: 'r8', pipeline: 'hello-etl', at: '2026-11-24T12:00:00.000000Z', status: 'succeeded', state: 'done' },
  { key: 'r9', pipeline: 'hello-etl', at: '2026-11-24T12:00:00.000000Z', status: 'succeeded', state: 'done' },
] as const;

const fx = setUpTestEngine([helloEtl, documentReview]);

beforeAll(async () => {
  for (const run of FIXTURE) {
    const input =
      run.pipeline === 'hello-etl' ? { source: run.key } : { documentId: run.key, title: run.key };
    const { run: started } = await startRun(
      fx.engine,
      { pipelineId: run.pipeline, input, idempotencyKey: `seed-${run.key}` },
      actor('test'),
    );
    ids.set(run.key, started.id);
    await fx.db.db.execute(sql`
      update runs set created_at = ${run.at}::timestamptz, updated_at = ${run.at}::timestamptz + interval '1 minute',
        status = ${run.status}, state = ${run.state}
      where id = ${started.id}`);
  }
});

const keyOf = (id: string) => [...ids.entries()].find(([, value]) => value === id)?.[0];
const keys = (page: { runs: { id: string }[] }) => page.runs.map((run) => keyOf(run.id));
const query = (search: string) => parseRunListQuery(new URLSearchParams(search));

/** The fixture's order for created desc: time desc, then id desc for equal times. */
function expectedNewestFirst(): string[] {
  return [...FIXTURE]
    .sort((a, b) => (a.at === b.at ? (ids.get(b.key)! > ids.get(a.key)! ? 1 : -1) : a.at < b.at ? 1 : -1))
    .map((run) => run.key);
}

describe('listRuns', () => {
  it('lists newest first, ties broken by id, microseconds respected', async () => {
    expect(keys(await listRuns(fx.engine, actor('test'), query('')))).toEqual(expectedNewestFirst());
  });

  it('pages forward with nextCursor and back with prevCursor, each run exactly once', async () => {
    const seen: (string | undefined)[] = [];
    const pages = [];
    let page = await listRuns(fx.engine, actor('test'), query('limit=3'));
    expect(page.prevCursor).toBeNull();
    for (;;) {
      pages.push(page);
      seen.push(...keys(page));
      if (!page.nextCursor) break;
      page = await listRuns(fx.engine, actor('test'), query(`limit=3&cursor=${page.nextCursor}`));
    }
    expect(seen).toEqual(expectedNewestFirst());
    expect(pages.map((p) => p.runs.length)).toEqual([3, 3, 3, 1]);

    // Back from the last page: the third page again, then the second, then the first (no prevCursor).
    const third = await listRuns(fx.engine, actor('test'), query(`limit=3&cursor=${pages[3]!.prevCursor}`));
    expect(keys(third)).toEqual(keys(pages[2]!));
    const second = await listRuns(fx.engine, actor('test'), query(`limit=3&cursor=${third.prevCursor}`));
    expect(keys(second)).toEqual(keys(pages[1]!));
    const first = await listRuns(fx.engine, actor('test'), query(`limit=3&cursor=${second.prevCursor}`));
    expect(keys(first)).toEqual(keys(pages[0]!));
    expect(first.prevCursor).toBeNull();
    expect(first.nextCursor).not.toBeNull();
  });

  it('pages in any sort order, keeping ties stable', async () => {
    const seen: { status: string; key: string | undefined }[] = [];
    let cursor = '';
    do {
      const page = await listRuns(
        fx.engine,
        actor('test'),
        query(`sort=status&dir=asc&limit=4${cursor ? `&cursor=${cursor}` : ''}`),
      );
      seen.push(...page.runs.map((run) => ({ status: run.status, key: keyOf(run.id) })));
      cursor = page.nextCursor ?? '';
    } while (cursor);
    expect(seen.map((s) => s.status)).toEqual([
      'cancelled',
      'failed',
      'failed',
      'running',
      'running',
      'running',
      'succeeded',
      'succeeded',
      'succeeded',
      'waiting',
    ]);
    expect(new Set(seen.map((s) => s.key)).size).toBe(10);
    // Within a status, oldest first (created_at, then id, ascending).
    expect(seen.filter((s) => s.status === 'failed').map((s) => s.key)).toEqual(['r1', 'r5']);

    const byUpdate = await listRuns(fx.engine, actor('test'), query('sort=updated&dir=asc&limit=2'));
    expect(keys(byUpdate)).toEqual(['r0', 'r1']);
    const next = await listRuns(
      fx.engine,
      actor('test'),
      query(`sort=updated&dir=asc&limit=2&cursor=${byUpdate.nextCursor}`),
    );
    expect(keys(next)).toEqual(['r2', 'r3']);
  });

  it('filters by pipeline, statuses, state (leaf or compound), creation time and search', async () => {
    const only = async (search: string) =>
      (keys(await listRuns(fx.engine, actor('test'), query(search))) as string[]).sort();
    expect(await only('pipeline=document-review')).toEqual(['r2', 'r3', 'r7']);
    expect(await only('status=failed,cancelled')).toEqual(['r1', 'r5', 'r6']);
    expect(await only('state=checks')).toEqual(['r2', 'r7']);
    expect(await only('state=checks.scanning')).toEqual(['r2']);
    expect(await only('createdAfter=2026-11-23T12:00:00Z&createdBefore=2026-11-24T12:00:00Z')).toEqual([
      'r5',
      'r6',
    ]);
    expect(await only('createdAfter=2026-11-24')).toEqual(['r5', 'r6', 'r7', 'r8', 'r9']);
    expect(await only('q=seed-r3')).toEqual(['r3']);
    expect(await only('q=seed-r')).toHaveLength(10);
    expect(await only(`q=${ids.get('r4')!.slice(0, 8)}`)).toContain('r4');
    expect(await only(`q=${ids.get('r4')}`)).toEqual(['r4']);
    expect(await only('q=seed_r%')).toEqual([]);
    expect(await only('pipeline=hello-etl&status=running&state=transforming')).toEqual(['r4']);
  });

  it('returns summaries with ISO times and the error message', async () => {
    const { runs } = await listRuns(fx.engine, actor('test'), query('q=seed-r3'));
    expect(runs[0]).toMatchObject({
      id: ids.get('r3'),
      pipelineId: 'document-review',
      state: 'awaiting_approval',
      status: 'waiting',
      idempotencyKey: 'seed-r3',
      createdAt: '2026-11-22T11:00:00.000Z',
      updatedAt: '2026-11-22T11:01:00.000Z',
      errorMessage: null,
    });
  });

  it('refuses a cursor of another sort order with a 400', async () => {
    const { nextCursor } = await listRuns(fx.engine, actor('test'), query('limit=2'));
    await expect(
      listRuns(fx.engine, actor('test'), query(`limit=2&sort=state&cursor=${nextCursor}`)),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});

describe('countRunsByStatus', () => {
  it('counts matching runs per status in one query, ignoring the status filter (exact under the cap)', async () => {
    expect(await countRunsByStatus(fx.engine, query('status=failed'), actor('tester'))).toEqual({
      counts: { queued: 0, running: 3, waiting: 1, succeeded: 3, failed: 2, cancelled: 1 },
      total: 10,
      capped: [],
    });
    expect(await countRunsByStatus(fx.engine, query('pipeline=document-review'), actor('tester'))).toEqual({
      counts: { queued: 0, running: 2, waiting: 1, succeeded: 0, failed: 0, cancelled: 0 },
      total: 3,
      capped: [],
    });
  });
});

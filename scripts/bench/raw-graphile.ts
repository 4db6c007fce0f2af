// Raw graphile-worker, written as a user would write the same work without Signalbox: each job
// updates a state row and enqueues the next job in one transaction
// (BEGIN; UPDATE …; SELECT graphile_worker.add_job(…); COMMIT). The last job of a chain, or of a
// fan-out, tells the driver with a NOTIFY.
import type { Task } from 'graphile-worker';
import type postgres from 'postgres';
import { reportStepStart } from './bench-pipelines';

export const RAW_DONE_CHANNEL = 'bench_raw_done';
const CHAIN_TASK = 'raw.chain';
const BRANCH_TASK = 'raw.branch';

interface ChainPayload {
  id: number;
  n: number;
  of: number;
  probe?: string;
}

/** The state rows the raw jobs update (one per chain or fan-out). */
export async function prepareRaw(sql: postgres.Sql): Promise<void> {
  await sql`create table if not exists bench_state (
    id int primary key, step int not null default 0, remaining int not null default 0,
    updated_at timestamptz not null default now())`;
}

export const rawTasks: Record<string, Task> = {
  [CHAIN_TASK]: async (payload, helpers) => {
    const job = payload as ChainPayload;
    if (job.n === 0) reportStepStart(job.probe);
    await helpers.withPgClient(async (client) => {
      await client.query('begin');
      try {
        await client.query('update bench_state set step = $2, updated_at = now() where id = $1', [
          job.id,
          job.n + 1,
        ]);
        if (job.n + 1 < job.of) {
          await client.query('select graphile_worker.add_job($1, $2::json)', [
            CHAIN_TASK,
            JSON.stringify({ id: job.id, n: job.n + 1, of: job.of }),
          ]);
        } else {
          await client.query('select pg_notify($1, $2)', [RAW_DONE_CHANNEL, String(job.id)]);
        }
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
    });
  },
  [BRANCH_TASK]: async (payload, helpers) => {
    const { id } = payload as { id: number };
    await helpers.withPgClient(async (client) => {
      await client.query('begin');
      try {
        const { rows } = await client.query<{ remaining: number }>(
          'update bench_state set remaining = remaining - 1, updated_at = now() where id = $1 returning remaining',
          [id],
        );
        if (rows[0]?.remaining === 0)
          await client.query('select pg_notify($1, $2)', [RAW_DONE_CHANNEL, String(id)]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
    });
  },
};

const addJobs = (
  sql: postgres.Sql | postgres.TransactionSql,
  specs: { identifier: string; payload: unknown }[],
) =>
  sql`select graphile_worker.add_jobs(array(
    select json_populate_recordset(null::graphile_worker.job_spec, ${JSON.stringify(specs)}::text::json)))`;

/**
 * Starts `count` chains of `steps` jobs at once (state rows and first jobs in one transaction), as
 * a bulk start does. Chain ids start at `firstId`.
 */
export async function startRawChains(
  sql: postgres.Sql,
  firstId: number,
  count: number,
  steps: number,
  probe?: string,
): Promise<void> {
  const ids = Array.from({ length: count }, (_, i) => firstId + i);
  await sql.begin(async (tx) => {
    await tx`insert into bench_state (id) select unnest(${ids}::int[])`;
    await addJobs(
      tx,
      ids.map((id) => ({ identifier: CHAIN_TASK, payload: { id, n: 0, of: steps, probe } })),
    );
  });
}

/** One chain, started as a user would: one add_job call (its state row written with it). */
export async function startRawChain(
  sql: postgres.Sql,
  id: number,
  steps: number,
  probe?: string,
): Promise<void> {
  await sql`with s as (insert into bench_state (id) values (${id}))
    select graphile_worker.add_job(${CHAIN_TASK}, ${JSON.stringify({ id, n: 0, of: steps, probe })}::text::json)`;
}

/** A fan-out: `branches` jobs at once, each updating the shared state row; the last one finishes it. */
export async function startRawFanOut(sql: postgres.Sql, id: number, branches: number): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`insert into bench_state (id, remaining) values (${id}, ${branches})`;
    await addJobs(
      tx,
      Array.from({ length: branches }, () => ({ identifier: BRANCH_TASK, payload: { id } })),
    );
  });
}

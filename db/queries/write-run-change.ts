import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { AttemptLogLine, AttemptOutcome, RunStatus } from '../schema';
import type { JobSpec } from './add-step-jobs';
import { jsonb, timestamptz } from './json-param';
import { RUN_CHANGES_CHANNEL, type RunChangedNotice, STEP_OFFERS_CHANNEL } from './notify-run-changed';
import { problemAlertCtes } from './problem-alert-ctes';
import { type ProblemOccurrence, problemCtes } from './problem-occurrence-ctes';
import { isTerminal, type NewRunIdentity, type RunUpdate } from './run-record';

/** How a step attempt ended. */
export interface AttemptEnd {
  outcome: Exclude<AttemptOutcome, 'running'>;
  error: unknown;
  logs: AttemptLogLine[];
}

/** The row a change writes: a new run (version 1), or a compare-and-set on an existing one. */
export type RunRowWrite =
  | { kind: 'insert'; identity: NewRunIdentity }
  | {
      kind: 'update';
      runId: string;
      expectedVersion: number;
      /**
       * The step attempt this change closes: the change only happens while it is still running (and,
       * with `workerId`, still owned by that worker).
       */
      attempt?: { id: number; workerId?: string } & AttemptEnd;
    };

export interface RunChangeWrite {
  row: RunRowWrite;
  update: RunUpdate;
  transition?: {
    fromState: string | null;
    event: string;
    toState: string;
    actor: string;
    durationMs: number | null;
    /** The machine state value and context after it: the context in full, or as a patch. */
    stateValue: unknown;
    context?: unknown;
    contextPatch?: unknown;
  };
  audit?: {
    actor: string;
    actorRole: string | null;
    ip: string | null;
    action: string;
    reason: string | null;
    details: Record<string, unknown> | null;
  };
  jobs: readonly JobSpec[];
  /**
   * The run waits for a concurrency slot (`queued`, in its key's queue): it takes the next `slot_seq`
   * and `jobs` are left empty; `fillConcurrencySlots` enqueues them when it gets a slot. Otherwise
   * the run is in no slot queue.
   */
  waitsForSlot?: boolean;
  notice: RunChangedNotice;
  /**
   * A run that fails: counted in its problem (opened, or reopened when resolved) in the same
   * statement, with the alerts the webhooks subscribed to.
   */
  problem?: ProblemOccurrence;
  /** The caller sends the notice itself once this committed (batched with others): no NOTIFY here. */
  noticeAfterCommit?: boolean;
  /**
   * The worker continues the run itself (see `core/runs/step-chain.ts`): with `handNext`, the first
   * job (when it is due now) is inserted already locked by `lockedBy`, the worker's graphile-worker pool, instead of
   * offered to the queue; and `completesJobId`, the handed-over job the closing step ran under, is
   * deleted with the change (its completion).
   */
  handOff?: {
    lockedBy: string;
    completesJobId?: string;
    /**
     * `completesJobId` is the chain's own job, which no graphile-worker runner will complete:
     * `writeStepSettlements` turns it into the handed job instead of deleting one and inserting
     * another (this writer deletes and inserts).
     */
    completesOwnJob?: boolean;
    handNext: boolean;
    /** The handed job's step attempt, opened as `running` for the worker it is handed to. */
    claim?: HandedAttemptClaim;
  };
}

/** The attempt of a handed step, opened by the transition in its worker's name. */
export interface HandedAttemptClaim {
  workerId: string;
  /** The heartbeat sequence it is claimed under (see `ActiveAttempts`). */
  claimSeq: number;
  idempotencyKey: string;
  state: string;
  step: string;
  attempt: number;
}

export interface RunWritten {
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /**
   * A new run's status as inserted (`queued` when its pipeline is paused); for a change that took or
   * freed a concurrency slot, the run's status once the free slots were given out.
   */
  status?: RunStatus;
  /** The job inserted locked by the worker (`handOff`), when there was one. */
  handedJobId?: string;
  /** The attempt opened for it (`handOff.claim`). */
  handedAttemptId?: number;
}

/** A job as `graphile_worker.add_jobs` reads it (a `job_spec` through `json_populate_recordset`). */
export const jobSpecRow = (job: JobSpec) => ({
  identifier: job.task,
  payload: job.payload,
  run_at: job.runAt?.toISOString() ?? null,
  max_attempts: job.maxAttempts,
});

/**
 * With a hand-off, the first job (when it is due now) goes to the worker (`handed`); the others
 * (`queued`) go to the queue.
 */
export function splitHandedJob(change: Pick<RunChangeWrite, 'jobs' | 'handOff'>): {
  handed: JobSpec | undefined;
  queued: readonly JobSpec[];
} {
  const [first] = change.jobs;
  const handed = change.handOff?.handNext && first && first.runAt === undefined ? first : undefined;
  return { handed, queued: handed ? change.jobs.slice(1) : change.jobs };
}

const jobSpecsJson = (jobs: readonly JobSpec[]): string => JSON.stringify(jobs.map(jobSpecRow));

/**
 * A change's run columns and transition row as the recordset columns the set-based writers read
 * (`writeNewRuns`, `writeStepSettlements`). JSON null becomes SQL NULL there.
 */
export const changeColumns = ({
  update: u,
  transition: t,
}: Pick<RunChangeWrite, 'update' | 'transition'>) => ({
  state: u.state,
  state_value: u.stateValue,
  status: u.status,
  snapshot: u.snapshot,
  active_steps: u.activeSteps,
  attempt_counters: u.attemptCounters,
  error: u.error,
  failed_state: u.failedState,
  retry_from: u.retryFrom,
  timers: u.timers,
  finished_at: u.finishedAt?.toISOString() ?? null,
  from_state: t?.fromState ?? null,
  event: t?.event ?? null,
  to_state: t?.toState ?? null,
  actor: t?.actor ?? null,
  duration_ms: t?.durationMs ?? null,
  to_value: t?.stateValue ?? null,
  context: t?.context ?? null,
  context_patch: t?.contextPatch ?? null,
});

/** The compare-and-set of an existing run: only the expected version (and a still running attempt) is updated. */
function updateCte(row: Extract<RunRowWrite, { kind: 'update' }>, u: RunUpdate, waitsForSlot: boolean): SQL {
  const owner = row.attempt?.workerId;
  const attemptGuard = row.attempt
    ? sql`and exists (select 1 from step_attempts where id = ${row.attempt.id} and outcome = 'running'
        ${owner === undefined ? sql`` : sql`and worker_id = ${owner}`})`
    : sql``;
  const terminal = isTerminal(u.status);
  // A run waiting for a slot stays queued (and in its place) through any change short of finishing.
  const status =
    waitsForSlot || terminal
      ? sql`${u.status}`
      : sql`case when slot_seq is null then ${u.status} else 'queued' end`;
  const slotSeq = waitsForSlot ? sql`nextval('run_slot_seq')` : terminal ? sql`null` : sql`slot_seq`;
  return sql`w as (
    update runs set
      state = ${u.state}, state_value = ${jsonb(u.stateValue)}, status = ${status},
      snapshot = ${jsonb(u.snapshot)}, active_steps = ${jsonb(u.activeSteps)},
      attempt_counters = ${jsonb(u.attemptCounters)}, error = ${jsonb(u.error)},
      failed_state = ${u.failedState}, retry_from = ${jsonb(u.retryFrom)}, timers = ${jsonb(u.timers)},
      finished_at = ${timestamptz(u.finishedAt)}, version = version + 1, updated_at = now(),
      slot_seq = ${slotSeq}
    where id = ${row.runId}::uuid and version = ${row.expectedVersion} ${attemptGuard}
    returning version, created_at, updated_at)`;
}

/**
 * One change of a run as ONE statement (one round trip, atomic without BEGIN/COMMIT): the run row
 * (insert of a new run, or compare-and-set on `version`), then, only if that row was written, the
 * attempt's end, the transition row, the audit row, the next jobs (`graphile_worker.add_jobs`) and
 * the NOTIFY. Returns the written version and times, or undefined when nothing was written (a lost
 * compare-and-set, a closed attempt, or an idempotency key already taken).
 */
export async function writeRunChange(db: Executor, change: RunChangeWrite): Promise<RunWritten | undefined> {
  const { row, transition: t, audit: a } = change;
  if (row.kind === 'insert') {
    const written = await writeNewRuns(db, [change as NewRunWrite]);
    return written.get(row.identity.id);
  }
  const runId = row.runId;
  const ctes: SQL[] = [updateCte(row, change.update, change.waitsForSlot === true)];
  if (row.attempt) {
    const end = row.attempt;
    ctes.push(sql`att as (
      update step_attempts set outcome = ${end.outcome}, error = ${jsonb(end.error)},
        logs = logs || ${JSON.stringify(end.logs)}::jsonb, ended_at = now()
      where id = ${end.id} and exists (select 1 from w))`);
  }
  if (change.problem)
    ctes.push(...problemCtes(runId, change.problem), ...problemAlertCtes(runId, change.problem));
  if (t) {
    ctes.push(sql`tr as (
      insert into transitions (run_id, run_version, from_state, event, to_state, actor, duration_ms,
        state_value, context, context_patch)
      select ${runId}::uuid, version, ${t.fromState}, ${t.event}, ${t.toState}, ${t.actor}, ${t.durationMs}::int,
        ${jsonb(t.stateValue)}, ${jsonb(t.context)}, ${jsonb(t.contextPatch)}
      from w)`);
  }
  if (a) {
    ctes.push(sql`aud as (
      insert into audit_events (actor, actor_role, action, run_id, target, reason, outcome, ip, details)
      select ${a.actor}, ${a.actorRole}, ${a.action}, ${runId}::uuid, ${`run:${runId}`},
        ${a.reason}, 'accepted', ${a.ip}, ${jsonb(a.details)} from w)`);
  }
  const handOff = change.handOff;
  const { handed, queued } = splitHandedJob(change);
  if (handOff && handed) {
    // Locked by this worker at once (attempts counted, as graphile-worker's get_job does). The task's
    // row exists once any worker of this task started; should it not (or the pipeline is paused), the
    // job goes to the queue below.
    // Priority -1: should it ever be released (its worker died, or handed it back), a run already
    // under way goes before the first steps of runs that have not started (priority 0, older run_at).
    ctes.push(sql`handed as (
      insert into graphile_worker._private_jobs (task_id, payload, max_attempts, attempts, priority, locked_at, locked_by)
      select t.id, ${JSON.stringify(handed.payload)}::json, ${handed.maxAttempts}, 1, -1, now(), ${handOff.lockedBy}
      from graphile_worker._private_tasks t, w where t.identifier = ${handed.task}
        -- A paused pipeline's next step goes to the queue, where its claim holds it.
        and not exists (select 1 from pipeline_controls pc
          where pc.pipeline_id = ${change.notice.pipelineId} and pc.paused_at is not null)
      returning id)`);
    const c = handOff.claim;
    if (c) {
      // Committed with the transition (synchronously), unlike a claim's own asynchronous start.
      ctes.push(sql`handed_attempt as (
        insert into step_attempts (run_id, state, step, attempt, run_version, worker_id, claim_seq,
          idempotency_key, outcome)
        select ${runId}::uuid, ${c.state}, ${c.step}, ${c.attempt}, version, ${c.workerId}, ${c.claimSeq},
          ${c.idempotencyKey}, 'running'
        from w where exists (select 1 from handed)
        on conflict (run_id, state, attempt) do nothing
        returning id)`);
    }
    ctes.push(sql`unhanded as (
      select graphile_worker.add_jobs(
        array(select json_populate_recordset(null::graphile_worker.job_spec, ${jobSpecsJson([handed])}::json))
      ) as job from w
      where not exists (select 1 from handed))`);
  }
  if (handOff?.completesJobId !== undefined) {
    ctes.push(sql`completed as (
      delete from graphile_worker._private_jobs
      where id = ${handOff.completesJobId}::bigint and locked_by = ${handOff.lockedBy} and exists (select 1 from w)
      returning id)`);
  }
  const hasJobs = queued.length > 0;
  if (hasJobs) {
    ctes.push(sql`jobs as (
      select graphile_worker.add_jobs(
        array(select json_populate_recordset(null::graphile_worker.job_spec, ${jobSpecsJson(queued)}::json))
      ) as job from w)`);
  }
  if (!change.noticeAfterCommit) {
    ctes.push(
      sql`note as (select pg_notify(${RUN_CHANGES_CHANNEL}, ${JSON.stringify(change.notice)}) from w)`,
    );
  }
  // Plain SELECT CTEs only run when referenced: count them in the final select.
  const [written] = await db.execute<{
    version: number | null;
    created_at: string | Date | null;
    updated_at: string | Date | null;
    handed_job_id: string | number | null;
    handed_attempt_id: string | number | null;
  }>(sql`
    with ${sql.join(ctes, sql`, `)}
    select (select version from w) as version, (select created_at from w) as created_at,
      (select updated_at from w) as updated_at
      ${change.noticeAfterCommit ? sql`` : sql`, (select count(*) from note) as notes`}
      ${hasJobs ? sql`, (select count(*) from jobs) as jobs` : sql``}
      ${change.problem ? sql`, (select count(*) from alert_jobs) as alert_jobs` : sql``}
      ${handed ? sql`, (select id from handed) as handed_job_id, (select count(*) from unhanded) as unhanded` : sql`, null as handed_job_id`}
      ${handed && handOff?.claim ? sql`, (select id from handed_attempt) as handed_attempt_id` : sql`, null as handed_attempt_id`}
      ${handOff?.completesJobId !== undefined ? sql`, (select count(*) from completed) as completed` : sql``}`);
  if (!written || written.version === null || !written.created_at || !written.updated_at) return undefined;
  return {
    version: written.version,
    createdAt: new Date(written.created_at),
    updatedAt: new Date(written.updated_at),
    ...(written.handed_job_id !== null && { handedJobId: String(written.handed_job_id) }),
    ...(written.handed_attempt_id !== null && { handedAttemptId: Number(written.handed_attempt_id) }),
  };
}

/** A change that inserts a new run. */
export type NewRunWrite = RunChangeWrite & { row: Extract<RunRowWrite, { kind: 'insert' }> };

/** One new run as a row of the JSON recordset the insert statement reads (`ord`: its place in the call). */
function newRunRow(change: NewRunWrite, ord: number): Record<string, unknown> {
  const { identity: r } = change.row;
  return {
    ...changeColumns(change),
    id: r.id,
    pipeline_id: r.pipelineId,
    pipeline_version: r.pipelineVersion,
    input: r.input ?? null,
    idempotency_key: r.idempotencyKey,
    forked_from_run_id: r.origin?.runId ?? null,
    forked_from_version: r.origin?.version ?? null,
    forked_from_state: r.origin?.state ?? null,
    audit: change.audit ?? null,
    jobs: change.jobs.map(jobSpecRow),
    notice: JSON.stringify(change.notice),
    concurrency_key: r.concurrencyKey ?? null,
    waits_for_slot: change.waitsForSlot === true,
    ord,
  };
}

/**
 * New runs as ONE statement, however many (a bulk start is one round trip, like a single start):
 * each run row (version 1; one whose idempotency key is taken is skipped), and for the inserted ones
 * their first transition, audit row, first jobs and NOTIFY. Returns what was written, by run id.
 */
export async function writeNewRuns(
  db: Executor,
  changes: readonly NewRunWrite[],
): Promise<Map<string, RunWritten>> {
  if (changes.length === 0) return new Map();
  const direct = directDispatchJob(changes);
  // JSON null becomes SQL NULL in json_to_recordset, as jsonb() does for single values.
  const writes = changes.map((change) => (direct ? { ...change, jobs: change.jobs.slice(1) } : change));
  const rows = JSON.stringify(writes.map((change, ord) => newRunRow(change, ord)));
  // `add_jobs` wakes the queue's runners even for no job at all (an empty array still notifies).
  const queued = writes.some((write) => write.jobs.length > 0);
  const [result] = await db.execute<{
    written:
      | { id: string; version: number; created_at: string; updated_at: string; status: RunStatus }[]
      | null;
  }>(sql`
    with x as materialized (
      select * from json_to_recordset(${rows}::json) as x(id uuid, pipeline_id text, pipeline_version int,
        state text, state_value jsonb, status text, snapshot jsonb, input jsonb, idempotency_key text,
        active_steps jsonb, attempt_counters jsonb, error jsonb, failed_state text, retry_from jsonb,
        timers jsonb, forked_from_run_id uuid, forked_from_version int, forked_from_state text,
        finished_at timestamptz, from_state text, event text, to_state text, actor text, duration_ms int,
        to_value jsonb, context jsonb, context_patch jsonb, audit json, jobs json, notice text,
        concurrency_key text, waits_for_slot boolean, ord int)),
    w as (
      insert into runs (id, pipeline_id, pipeline_version, state, state_value, status, snapshot, input,
        idempotency_key, active_steps, attempt_counters, error, failed_state, retry_from, timers,
        forked_from_run_id, forked_from_version, forked_from_state, version, finished_at,
        concurrency_key, slot_seq)
      select id, pipeline_id, pipeline_version, state, state_value,
        -- A paused pipeline accepts runs but holds them (their step jobs are held when they come up).
        case when x.status = 'running' and exists (select 1 from pipeline_controls c
          where c.pipeline_id = x.pipeline_id and c.paused_at is not null) then 'queued' else x.status end,
        snapshot, input, idempotency_key,
        active_steps, attempt_counters, error, failed_state, retry_from, coalesce(timers, '{}'::jsonb),
        forked_from_run_id, forked_from_version, forked_from_state, 1, finished_at,
        -- Places in the slot queue in call order (output expressions are evaluated after the sort).
        concurrency_key, case when waits_for_slot then nextval('run_slot_seq') end
      from x order by ord
      on conflict (pipeline_id, idempotency_key) where idempotency_key is not null do nothing
      returning id, version, created_at, updated_at, status),
    tr as (
      insert into transitions (run_id, run_version, from_state, event, to_state, actor, duration_ms,
        state_value, context, context_patch)
      select w.id, w.version, x.from_state, x.event, x.to_state, x.actor, x.duration_ms,
        x.to_value, x.context, x.context_patch
      from w join x using (id) where x.event is not null),
    aud as (
      insert into audit_events (actor, actor_role, action, run_id, target, reason, outcome, ip, details)
      select a.actor, a."actorRole", a.action, w.id, 'run:' || w.id, a.reason, 'accepted', a.ip, a.details
      from w join x using (id)
        cross join lateral json_to_record(x.audit) as a(actor text, "actorRole" text, ip text, action text,
          reason text, details jsonb)
      where x.audit is not null),
    jobs as (
      select graphile_worker.add_jobs(array(
        select s from w join x using (id)
          cross join lateral json_populate_recordset(null::graphile_worker.job_spec, x.jobs) s
      )) as job where ${queued}::boolean),
    ${direct ? directJobCtes(direct, changes[0]!.row.identity) : sql`direct as (select null::bigint as id where false)`},
    note as (select pg_notify(${RUN_CHANGES_CHANNEL}, x.notice) from w join x using (id)),
    offer as (
      select pg_notify(${STEP_OFFERS_CHANNEL},
        (${JSON.stringify(direct?.payload ?? null)}::jsonb || jsonb_build_object('jobId', d.id::text)
          ${direct ? sql`|| coalesce((select assignment from assignment), '{}'::jsonb)` : sql``})::text)
      from direct d)
    select (select json_agg(json_build_object('id', id, 'version', version, 'created_at', created_at,
        'updated_at', updated_at, 'status', status)) from w) as written,
      (select count(*) from note) as notes, (select count(*) from jobs) as jobs,
      (select count(*) from offer) as offers${direct ? sql`, (select count(*) from undirected) as undirected` : sql``}`);
  const written = new Map<string, RunWritten>();
  for (const w of result?.written ?? []) {
    written.set(w.id, {
      version: w.version,
      createdAt: new Date(w.created_at),
      updatedAt: new Date(w.updated_at),
      status: w.status,
    });
  }
  return written;
}

/**
 * A single start's first step job, when it is due now: given to an idle worker in the start's own
 * transaction, or offered to the idle workers (see `core/runs/dispatch-step.ts`), instead of going
 * through the queue's wake-up. Bulk starts go through the queue (every idle worker would race for
 * every run).
 */
function directDispatchJob(changes: readonly NewRunWrite[]): DispatchedJob | undefined {
  if (changes.length !== 1) return undefined;
  const [first] = changes[0]!.jobs;
  return first?.dispatch && first.runAt === undefined ? (first as DispatchedJob) : undefined;
}

type DispatchedJob = JobSpec & Required<Pick<JobSpec, 'dispatch'>>;

/** A run's JSON in an assignment: PostgreSQL's NOTIFY payloads end at 8,000 bytes (a larger run is read). */
const ASSIGNED_RUN_MAX_BYTES = 6_000;

/**
 * The directly dispatched job, inserted without graphile-worker's `jobs:insert` NOTIFY. Given to
 * an idle worker (`assignee`: the longest idle of those whose listen connection is alive, that know
 * the pipeline's version, when the run starts running): the job is inserted locked by its pool and
 * its attempt opened in its name, and the worker runs the step when the offer reaches it, the run
 * in hand. Otherwise the offer (on `STEP_OFFERS_CHANNEL`) carries only the job's id, an idle worker
 * takes it, job lock and attempt in one statement, and a busy one wakes its queue runners instead.
 * Should the task's row not exist yet (no worker of this task ever started), it goes to the queue.
 */
function directJobCtes(job: DispatchedJob, run: NewRunIdentity): SQL {
  const { payload, dispatch } = job;
  return sql`assignee as (
      delete from idle_workers where worker_id = (
        select s.worker_id from idle_workers s, w
        where w.status = 'running'
          and coalesce((s.pipelines ->> ${run.pipelineId})::int, 0) >= ${run.pipelineVersion}
          and exists (select 1 from pg_stat_get_activity(s.listen_pid) a
            where a.backend_start = s.listen_started_at)
          and exists (select 1 from graphile_worker._private_tasks where identifier = ${job.task})
        order by s.since limit 1
        for update of s skip locked)
      returning worker_id, pool_id, claim_seq),
    direct as (
      insert into graphile_worker._private_jobs (task_id, payload, max_attempts, attempts, locked_at, locked_by)
      select t.id, ${JSON.stringify(payload)}::json, ${job.maxAttempts},
        case when a.pool_id is null then 0 else 1 end, case when a.pool_id is not null then now() end, a.pool_id
      from graphile_worker._private_tasks t left join assignee a on true
      where t.identifier = ${job.task} and exists (select 1 from w)
      returning id, locked_by),
    assigned as (
      insert into step_attempts (run_id, state, step, attempt, run_version, worker_id, claim_seq,
        idempotency_key, outcome)
      select w.id, ${payload.state as string}, ${dispatch.step}, ${payload.attempt as number}, w.version,
        a.worker_id, a.claim_seq, ${dispatch.idempotencyKey}, 'running'
      from w, assignee a
      returning id),
    assignment as (
      select jsonb_build_object('assignedTo', a.worker_id, 'lockedBy', a.pool_id,
          'attemptId', (select id from assigned),
          'run', (select case when octet_length(r::text) <= ${ASSIGNED_RUN_MAX_BYTES} then r end
            from (select jsonb_build_object('id', w.id, 'pipelineId', x.pipeline_id,
              'pipelineVersion', x.pipeline_version, 'state', x.state, 'stateValue', x.state_value,
              'status', w.status, 'snapshot', x.snapshot, 'input', x.input,
              'idempotencyKey', x.idempotency_key, 'activeSteps', x.active_steps,
              'attemptCounters', x.attempt_counters, 'error', x.error, 'failedState', x.failed_state,
              'retryFrom', x.retry_from, 'timers', coalesce(x.timers, '{}'::jsonb), 'version', w.version,
              'createdAt', w.created_at, 'updatedAt', w.updated_at, 'finishedAt', x.finished_at) r
            from w join x using (id)) run)) as assignment
      from assignee a),
    undirected as (
      select graphile_worker.add_jobs(
        array(select json_populate_recordset(null::graphile_worker.job_spec, ${jobSpecsJson([job])}::json))
      ) as job from w
      where not exists (select 1 from direct))`;
}

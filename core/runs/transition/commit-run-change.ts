import type { Executor } from '../../../db/client';
import type { JobSpec } from '../../../db/queries/add-step-jobs';
import { lockRunSlot, lockSlotKeys } from '../../../db/queries/lock-concurrency-slots';
import type { RunChangedNotice } from '../../../db/queries/notify-run-changed';
import type { NewRunIdentity, RunRecord, RunUpdate } from '../../../db/queries/run-record';
import {
  type AttemptEnd,
  type NewRunWrite,
  type RunChangeWrite,
  type RunWritten,
  writeNewRuns,
  writeRunChange,
} from '../../../db/queries/write-run-change';
import { isStepSettlement } from '../../../db/queries/write-step-settlements';
import { type Actor, auditIdentity } from '../../auth/actor';
import { type Engine, JOB_MAX_ATTEMPTS, STEP_TASK, type StepJobPayload } from '../../engine';
import { notifyObserver } from '../../engine-observer';
import { problemOfChange } from '../../problems/problem-of-change';
import { changesSlot, concurrencyOf, fillSlots } from './concurrency-slots';
import { contextRecord } from './context-history';
import type { GroupCommit } from './group-commit';
import type { RunChange } from './run-change';
import { isTerminal } from './run-status';
import { settleTimers } from './settle-timers';
import { idempotencyKeyOf } from './step-instance';

type CommitEngine = Pick<Engine, 'db' | 'logger' | 'observer' | 'registry'>;

/** Which run a change applies to: a new one (inserted at version 1) or an existing one (compare-and-set). */
export type ChangeTarget = { newRun: NewRunIdentity } | { run: RunRecord };

/** What goes with a change besides the run row. */
export interface ChangeRecord {
  /** Who caused it: recorded in the history row (and the audit row). */
  by: Actor;
  /** An accepted operator action (or a run start), audited in the same statement. */
  audit?: { action: string; reason: string | null; details: Record<string, unknown> | null };
  /**
   * The step attempt this change closes: the change only happens while it is still running, and
   * still owned by `workerId` when given.
   */
  attempt?: { id: number; workerId?: string } & AttemptEnd;
  /**
   * Where the change's notice goes once it committed, instead of a NOTIFY inside it: a worker's
   * batch (`RunNoticeBatch`), so a transition's commit does not queue for PostgreSQL's NOTIFY lock.
   */
  announce?: (notice: RunChangedNotice) => void;
  /** The worker's group commit: the change may share its statement with other runs' changes. */
  groupCommit?: GroupCommit;
  /** The worker continues the run itself (see `RunChangeWrite.handOff` and `core/runs/step-chain.ts`). */
  handOff?: RunChangeWrite['handOff'];
}

/** Step jobs for the given states, as `graphile_worker.add_jobs` specs. */
export function stepJobs(
  runId: string,
  update: Pick<RunUpdate, 'activeSteps'>,
  states: readonly string[],
  runAt?: Date,
): JobSpec[] {
  return states.map((state) => {
    const instance = update.activeSteps[state]!;
    const payload: StepJobPayload = { runId, state, since: instance.since, attempt: instance.attempt };
    const dispatch = {
      step: instance.step,
      idempotencyKey: idempotencyKeyOf(runId, state, instance.attempt),
    };
    return { task: STEP_TASK, payload: { ...payload }, runAt, maxAttempts: JOB_MAX_ATTEMPTS, dispatch };
  });
}

/**
 * Commits one change of a run — the run row (insert, or compare-and-set on `version`), the
 * transition row, the attempt's end, the audit row, the next step jobs and the NOTIFY — all or
 * nothing, in one round trip. Returns the written version and times, or undefined when nothing was
 * written: a lost compare-and-set, an attempt closed by a duplicate job, or (for a new run) an
 * idempotency key already taken.
 */
export async function commitRunChange(
  engine: CommitEngine,
  target: ChangeTarget,
  change: RunChange,
  record: ChangeRecord,
): Promise<RunWritten | undefined> {
  const pipelineId = 'newRun' in target ? target.newRun.pipelineId : target.run.pipelineId;
  const concurrency = concurrencyOf(engine.registry, pipelineId);
  const slotted =
    concurrency !== null && ('newRun' in target || changesSlot(target.run.status, change.update.status));
  let write: RunChangeWrite;
  let written: RunWritten | undefined;
  if (!slotted) {
    write = runChangeWrite(target, change, record);
    written =
      record.groupCommit && isStepSettlement(write)
        ? await record.groupCommit.write(write)
        : await writeRunChange(engine.db, write);
  } else {
    // Takes or frees a slot: under the key's lock, the run joins the key's queue (a start, a retry)
    // or leaves its slot (it finished), then the oldest waiting runs get the free slots.
    ({ write, written } = await engine.db.transaction(async (tx) => {
      let key: string | undefined;
      if ('newRun' in target) {
        key = concurrency.keyOf(target.newRun.input);
        target.newRun.concurrencyKey = key;
        await lockSlotKeys(tx, pipelineId, [key]);
      } else {
        key = await lockRunSlot(tx, target.run.id);
      }
      const waits = key !== undefined && !isTerminal(change.update.status);
      if (waits) change.update.status = 'queued';
      const write = runChangeWrite(target, change, record, waits);
      const written = await writeRunChange(tx as Executor, write);
      if (key !== undefined) {
        const started = await fillSlots(tx as Executor, pipelineId, concurrency, [key]);
        const status = started.get(write.notice.runId);
        if (status && written) {
          change.update.status = status;
          written.status = status;
        }
      }
      return { write, written };
    }));
  }
  if (written) {
    record.announce?.(write.notice);
    observeRunChange(engine, target, change, record);
  }
  return written;
}

/**
 * Commits the first change of many new runs in one statement (a bulk start): each run as
 * `commitRunChange` would insert it. Returns what was written by run id; a run whose idempotency key
 * was taken is missing.
 */
export async function commitNewRuns(
  engine: CommitEngine,
  starts: readonly { newRun: NewRunIdentity; change: RunChange; audit?: ChangeRecord['audit'] }[],
  by: Actor,
): Promise<Map<string, RunWritten>> {
  const writes = (waits: (s: (typeof starts)[number]) => boolean) =>
    starts.map(
      (s) => runChangeWrite({ newRun: s.newRun }, s.change, { by, audit: s.audit }, waits(s)) as NewRunWrite,
    );
  const pipelineId = starts[0]?.newRun.pipelineId;
  const concurrency = pipelineId === undefined ? null : concurrencyOf(engine.registry, pipelineId);
  let written: Map<string, RunWritten>;
  if (pipelineId === undefined || concurrency === null) {
    written = await writeNewRuns(
      engine.db,
      writes(() => false),
    );
  } else {
    // Every run joins its key's queue in call order; the free slots then go to the oldest.
    written = await engine.db.transaction(async (tx) => {
      const keys = starts.map((s) => {
        s.newRun.concurrencyKey = concurrency.keyOf(s.newRun.input);
        return s.newRun.concurrencyKey;
      });
      await lockSlotKeys(tx, pipelineId, keys);
      const waits = (s: (typeof starts)[number]) => !isTerminal(s.change.update.status);
      for (const s of starts) if (waits(s)) s.change.update.status = 'queued';
      const written = await writeNewRuns(tx as Executor, writes(waits));
      const started = await fillSlots(tx as Executor, pipelineId, concurrency, keys);
      for (const s of starts) {
        const status = started.get(s.newRun.id);
        const w = written.get(s.newRun.id);
        if (status && w) {
          s.change.update.status = status;
          w.status = status;
        }
      }
      return written;
    });
  }
  for (const s of starts) {
    if (written.has(s.newRun.id))
      observeRunChange(engine, { newRun: s.newRun }, s.change, { by, audit: s.audit });
  }
  return written;
}

/**
 * The one translation of a decided change into what the writer writes. Settles the change's timers
 * (new ones get their due time and job) and puts them back on `change.update`, so callers that
 * return the updated run show the timers as written.
 */
function runChangeWrite(
  target: ChangeTarget,
  change: RunChange,
  record: ChangeRecord,
  waitsForSlot = false,
): RunChangeWrite {
  const who = auditIdentity(record.by);
  const isNew = 'newRun' in target;
  const runId = isNew ? target.newRun.id : target.run.id;
  const version = isNew ? 1 : target.run.version + 1;
  const settled = settleTimers(
    runId,
    isNew ? {} : target.run.timers,
    change.update.timers,
    version,
    change.rescheduled,
  );
  change.update.timers = settled.timers;
  const { update } = change;
  return {
    row: isNew
      ? { kind: 'insert', identity: target.newRun }
      : { kind: 'update', runId, expectedVersion: target.run.version, attempt: record.attempt },
    update,
    transition: change.event
      ? {
          fromState: isNew ? null : target.run.state,
          event: change.event,
          toState: update.state,
          actor: who.actor,
          durationMs: isNew ? null : Math.max(0, Date.now() - target.run.updatedAt.getTime()),
          stateValue: update.stateValue,
          ...contextRecord(version, isNew ? undefined : target.run.snapshot.context, update.snapshot.context),
        }
      : undefined,
    audit: record.audit && { ...who, ...record.audit },
    // A run waiting for a slot gets its jobs when it gets the slot (made from its steps and timers).
    jobs: waitsForSlot ? [] : [...stepJobs(runId, update, change.enqueue, change.runAt), ...settled.jobs],
    waitsForSlot,
    problem: isNew ? undefined : problemOfChange(target.run, change),
    handOff: record.handOff,
    noticeAfterCommit: record.announce !== undefined,
    notice: {
      runId,
      pipelineId: isNew ? target.newRun.pipelineId : target.run.pipelineId,
      state: update.state,
      status: update.status,
      version,
    },
  };
}

/** Tells the engine's observer (metrics) what was just committed. */
function observeRunChange(
  engine: Pick<Engine, 'logger' | 'observer'>,
  target: ChangeTarget,
  { update, event, enqueue }: RunChange,
  record: ChangeRecord,
): void {
  notifyObserver(engine, (observer) => {
    if ('newRun' in target) {
      const { id: runId, pipelineId } = target.newRun;
      observer.runStarted?.({ pipelineId, runId, status: update.status });
      return;
    }
    const { run } = target;
    observer.runChanged?.({
      pipelineId: run.pipelineId,
      runId: run.id,
      from: { state: run.state, status: run.status },
      to: { state: update.state, status: update.status },
      event,
      retriedSteps: event ? [] : enqueue.map((state) => update.activeSteps[state]!.step),
    });
    if (record.audit) observer.operatorAction?.({ action: record.audit.action, outcome: 'accepted' });
  });
}

import type { Executor } from '../../../db/client';
import type { RunWritten } from '../../../db/queries/write-run-change';
import { type StepSettlementWrite, writeStepSettlements } from '../../../db/queries/write-step-settlements';

/**
 * A worker's step settlements, committed together when they come together: while a statement is in
 * flight, the settlements that arrive wait and then go as ONE statement (`writeStepSettlements`), so
 * five runs settling at once cost one round trip, one commit and one WAL flush instead of five. One
 * that finds nothing in flight goes at once (after the current turn of the event loop, which gathers
 * the ones that arrived with it), so a run alone waits for nothing. A second statement goes while
 * one is in flight only once a few settlements wait (`minShared`), so PostgreSQL works on one while
 * the worker waits for the other, and batches stay large. A run is never in two statements at once.
 * Each settlement is still its own compare-and-set; when a shared statement fails, its settlements
 * are written again one by one, so each caller gets its own outcome or error.
 */
export interface GroupCommit {
  write(change: StepSettlementWrite): Promise<RunWritten | undefined>;
}

export interface GroupCommitOptions {
  /**
   * Statements in flight at once (each on its own connection of the pool). Default 2, the second
   * only when `minShared` settlements wait (see docs/performance.md: one statement in flight left
   * a core idle; two at once with no floor split the batches, 2.8 settlements per statement
   * instead of 4.4, and were no faster).
   */
  inFlight?: number;
  /** Settlements that must be waiting for a statement to go while another is in flight (default 3). */
  minShared?: number;
  /** Changes in one statement at most. */
  maxChanges?: number;
}

interface Pending {
  change: StepSettlementWrite;
  resolve(written: RunWritten | undefined): void;
  reject(error: unknown): void;
}

export function createGroupCommit(db: Executor, options: GroupCommitOptions = {}): GroupCommit {
  const inFlight = options.inFlight ?? 2;
  const minShared = options.minShared ?? 3;
  const maxChanges = options.maxChanges ?? 32;
  let waiting: Pending[] = [];
  let flying = 0;
  /** Runs with a change in a statement in flight: their next change waits for it. */
  const flyingRuns = new Set<string>();
  let scheduled = false;

  const mayGo = () =>
    waiting.length > 0 && (flying === 0 || (flying < inFlight && waiting.length >= minShared));

  const pump = () => {
    scheduled = false;
    while (mayGo()) {
      const batch = takeBatch();
      if (batch.length === 0) return;
      flying += 1;
      for (const p of batch) flyingRuns.add(p.change.row.runId);
      void send(batch).finally(() => {
        flying -= 1;
        for (const p of batch) flyingRuns.delete(p.change.row.runId);
        pump();
      });
    }
  };

  /**
   * The oldest waiting changes, one per run and none of a run in flight: a run's changes are
   * written one statement after the other, in the order they came.
   */
  const takeBatch = (): Pending[] => {
    const batch: Pending[] = [];
    const runs = new Set<string>();
    const rest: Pending[] = [];
    for (const pending of waiting) {
      const runId = pending.change.row.runId;
      if (batch.length < maxChanges && !runs.has(runId) && !flyingRuns.has(runId)) {
        runs.add(runId);
        batch.push(pending);
      } else rest.push(pending);
    }
    waiting = rest;
    // One lock order for every statement: runs are locked in id order, so two workers' statements cannot deadlock on them.
    return batch.sort((a, b) => (a.change.row.runId < b.change.row.runId ? -1 : 1));
  };

  const send = async (batch: Pending[]) => {
    let written: (RunWritten | undefined)[];
    try {
      written = await writeStepSettlements(
        db,
        batch.map((p) => p.change),
      );
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // Nothing of the shared statement was written: each change alone, with its own outcome.
      await Promise.all(
        batch.map((p) =>
          writeStepSettlements(db, [p.change]).then(([written]) => p.resolve(written), p.reject),
        ),
      );
      return;
    }
    for (const [i, p] of batch.entries()) p.resolve(written[i]);
  };

  return {
    write(change) {
      return new Promise((resolve, reject) => {
        waiting.push({ change, resolve, reject });
        if (!scheduled && mayGo()) {
          scheduled = true;
          setImmediate(pump);
        }
      });
    },
  };
}

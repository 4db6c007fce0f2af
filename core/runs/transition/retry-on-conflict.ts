import type { RunRecord } from '../../../db/queries/run-record';
import { sleep } from '../../definition/sleep';

/** What an attempt returns when it lost the compare-and-set: decide again on the fresh run. */
export const CONFLICT: unique symbol = Symbol('compare-and-set lost');

/**
 * Parallel steps of one run settled by several worker processes can collide a few times in a row
 * (within a process they take turns); more than this means something is wrong.
 */
const MAX_TRIES = 16;

/**
 * Decides and commits a change on `first`, and after a lost compare-and-set (a parallel step or an
 * operator changed the run meanwhile) on the run as it is now, until a change commits or the decision
 * says there is nothing to do. The one compare-and-set loop of the engine (step outcomes, retries).
 */
export async function retryOnConflict<T>(
  first: RunRecord | undefined,
  reload: () => Promise<RunRecord | undefined>,
  attempt: (run: RunRecord | undefined) => Promise<T | typeof CONFLICT>,
): Promise<T> {
  let run = first;
  for (let i = 0; i < MAX_TRIES; i++) {
    // After a second loss in a row, a random pause (growing, up to 50 ms) spreads the contenders.
    if (i > 1) await sleep(Math.random() * Math.min(50, 2 ** i));
    if (i > 0) run = await reload();
    const result = await attempt(run);
    if (result !== CONFLICT) return result;
  }
  throw new Error(`run ${first?.id ?? '?'}: gave up after ${MAX_TRIES} concurrent changes in a row`);
}

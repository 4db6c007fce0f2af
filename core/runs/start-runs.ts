import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { findRunByIdempotencyKey } from '../../db/queries/find-run-by-idempotency-key';
import type { NewRunIdentity, RunRecord } from '../../db/queries/run-record';
import { type Actor, authorize } from '../auth/actor';
import type { Engine } from '../engine';
import { AppError, type FieldError, fieldErrors } from '../errors';
import type { StartRunResult } from './start-run';
import { commitNewRuns } from './transition/commit-run-change';
import { decideStart } from './transition/decide-start';
import type { RunChange } from './transition/run-change';

/** More than this in one call is better split: the statement carries every run as one JSON parameter. */
export const MAX_BULK_RUNS = 10_000;

export const StartRunsRequestSchema = z.object({
  pipelineId: z.string().min(1, 'pipelineId is required').max(100),
  runs: z
    .array(z.object({ input: z.unknown(), idempotencyKey: z.string().min(1).max(200).optional() }))
    .min(1, 'runs must not be empty')
    .max(MAX_BULK_RUNS, `at most ${MAX_BULK_RUNS} runs per call`),
});
export type StartRunsRequest = z.infer<typeof StartRunsRequestSchema>;

/**
 * Starts many runs of one pipeline in ONE statement, for an actor with `runs:write`: every run
 * gets what `startRun` gives one (its row, first transition, audit row, first step jobs and
 * NOTIFY), all committed together. Every input is validated first (`runs.<i>.<field>` errors) and
 * nothing is written when one is invalid. A repeated idempotency key returns the existing run with
 * `created: false`, as `startRun` does; a key may appear once per call. Results keep the order of
 * `runs`.
 */
export async function startRuns(
  engine: Engine,
  request: StartRunsRequest,
  by: Actor,
): Promise<StartRunResult[]> {
  authorize(by, 'runs:write');
  const pipeline = engine.registry.latest(request.pipelineId);
  const fields: FieldError[] = [];
  const seenKeys = new Set<string>();
  const inputs = request.runs.map((entry, index) => {
    const parsed = pipeline.input.safeParse(entry.input);
    if (!parsed.success) {
      for (const f of fieldErrors(parsed.error.issues))
        fields.push({ ...f, path: `runs.${index}.${f.path}` });
    }
    const key = entry.idempotencyKey;
    if (key !== undefined && seenKeys.has(key)) {
      fields.push({ path: `runs.${index}.idempotencyKey`, message: 'repeated in this call' });
    }
    if (key !== undefined) seenKeys.add(key);
    return parsed.data;
  });
  if (fields.length > 0) {
    throw new AppError('VALIDATION_FAILED', `input does not match pipeline '${pipeline.id}'`, { fields });
  }

  const starts: { newRun: NewRunIdentity; change: RunChange }[] = inputs.map((input, index) => ({
    newRun: {
      id: randomUUID(),
      pipelineId: pipeline.id,
      pipelineVersion: pipeline.version,
      input,
      idempotencyKey: request.runs[index]!.idempotencyKey ?? null,
    },
    change: decideStart(pipeline, input),
  }));
  const written = await commitNewRuns(
    engine,
    starts.map((s) => ({
      ...s,
      audit: {
        action: 'run.start',
        reason: null,
        details: { pipelineId: pipeline.id, pipelineVersion: pipeline.version, state: s.change.update.state },
      },
    })),
    by,
  );
  engine.logger.info({ pipelineId: pipeline.id, started: written.size, of: starts.length }, 'runs started');
  return Promise.all(
    starts.map(async ({ newRun, change }): Promise<StartRunResult> => {
      const w = written.get(newRun.id);
      if (w) return { run: { ...newRun, ...change.update, ...w } as RunRecord, created: true };
      // Its idempotency key was taken (before, or by a concurrent start): theirs is the run.
      const existing =
        newRun.idempotencyKey &&
        (await findRunByIdempotencyKey(engine.db, pipeline.id, newRun.idempotencyKey));
      if (!existing) throw new AppError('INTERNAL', 'idempotency key conflict without a run');
      return { run: existing, created: false };
    }),
  );
}

import type { Task } from 'graphile-worker';
import { recordAudit } from '../../core/audit/record-audit';
import { createSystemActor } from '../../core/auth/system-actor';
import { isPipelinePaused } from '../../core/controls/list-pipeline-pauses';
import type { Engine } from '../../core/engine';
import { startRun } from '../../core/runs/start-run';
import type { CronPayload } from '../cron-items';

/**
 * Starts the run of one schedule tick (unless its input function says there is nothing to do); the
 * tick's timestamp is the idempotency key.
 */
export function cronTask(engine: Engine, worker: { dataDir: string | null }): Task {
  return async (rawPayload) => {
    const payload = rawPayload as CronPayload & { _cron: { ts: string } };
    const pipeline = engine.registry.latest(payload.pipelineId);
    const schedule = pipeline.schedules.find((s, index) => (s.name ?? String(index)) === payload.schedule);
    if (!schedule) {
      engine.logger.warn(
        { pipelineId: payload.pipelineId, schedule: payload.schedule },
        'schedule no longer exists',
      );
      return;
    }
    const tick = new Date(payload._cron.ts);
    if ((schedule.whilePaused ?? 'skip') === 'skip' && (await isPipelinePaused(engine, pipeline.id))) {
      await recordAudit(engine, {
        by: createSystemActor(`cron:${payload.schedule}`),
        action: 'schedule.tick_skipped',
        target: `pipeline:${pipeline.id}`,
        outcome: 'accepted',
        reason: 'pipeline paused',
        details: { pipelineId: pipeline.id, schedule: payload.schedule, tick: tick.toISOString() },
      });
      engine.logger.info(
        { pipelineId: pipeline.id, schedule: payload.schedule },
        'tick skipped: pipeline paused',
      );
      return;
    }
    const input =
      typeof schedule.input === 'function'
        ? await schedule.input(tick, { dataDir: worker.dataDir })
        : schedule.input;
    if (input === null) {
      engine.logger.debug({ pipelineId: pipeline.id, schedule: payload.schedule }, 'nothing to do this tick');
      return;
    }
    const { run, created } = await startRun(
      engine,
      { pipelineId: pipeline.id, input, idempotencyKey: `cron:${payload.schedule}:${tick.toISOString()}` },
      createSystemActor(`cron:${payload.schedule}`),
    );
    engine.logger.info(
      { runId: run.id, pipelineId: pipeline.id, tick: tick.toISOString(), created },
      'scheduled run',
    );
  };
}

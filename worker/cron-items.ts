import { type ParsedCronItem, parseCronItems } from 'graphile-worker';
import type { PipelineRegistry } from '../core/definition/pipeline-registry';
import { CRON_TASK } from '../core/engine';

export interface CronPayload {
  pipelineId: string;
  schedule: string;
}

/**
 * The pipelines' schedules as graphile-worker cron items. graphile-worker records each tick in
 * `known_crontabs`, so with any number of workers a tick starts one run (and the cron task's
 * idempotency key makes a duplicate a no-op anyway).
 */
export function cronItems(registry: PipelineRegistry): ParsedCronItem[] {
  return parseCronItems(
    registry.list().flatMap((pipeline) =>
      pipeline.schedules.map((schedule, index) => {
        const name = schedule.name ?? String(index);
        const payload: CronPayload = { pipelineId: pipeline.id, schedule: name };
        return {
          task: CRON_TASK,
          match: schedule.cron,
          identifier: `signalbox:${pipeline.id}:${name}`,
          payload: { ...payload },
          options: { backfillPeriod: schedule.backfillMs ?? 0, maxAttempts: 3 },
        };
      }),
    ),
  );
}

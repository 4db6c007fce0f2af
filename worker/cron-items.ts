import { type ParsedCronItem, parseCronItems } from 'graphile-worker';
import type { PipelineRegistry } from '../core/definition/pipeline-registry';
import { CRON_TASK } from '../core/engine';
import { ALERT_CHECK_TASK } from './tasks/alert-task';

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

/** The daily prune at 03:30 UTC; no backfill (a missed night is caught up by the next one). */
export function retentionCronItems(): ParsedCronItem[] {
  return parseCronItems([
    {
      task: 'signalbox.retention',
      match: '30 3 * * *',
      identifier: 'signalbox:retention',
      options: { backfillPeriod: 0, maxAttempts: 1 },
    },
  ]);
}

/**
 * The alerts' periodic check, every minute (graphile-worker's finest cron): stuck and waiting runs.
 * No backfill: a missed minute is covered by the next check (the condition still holds).
 */
export function alertCronItems(): ParsedCronItem[] {
  return parseCronItems([
    {
      task: ALERT_CHECK_TASK,
      match: '* * * * *',
      identifier: 'signalbox:alert-check',
      options: { backfillPeriod: 0, maxAttempts: 1 },
    },
  ]);
}

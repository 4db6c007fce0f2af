import { z } from 'zod';
import { ALERT_EVENT_LABELS } from '../../contracts/alerts';
import type { AlertKind } from '../../db/schema';

/**
 * What an alert says, as stored with its delivery: ids, names, states, counts and times. Never run
 * input, context, error messages or step logs (they may hold health data).
 */
export const AlertFactsSchema = z.object({
  run: z
    .object({
      id: z.string(),
      pipelineId: z.string(),
      pipelineVersion: z.number().int(),
      failedState: z.string().optional(),
      state: z.string().optional(),
      status: z.string().optional(),
      /** When the run last changed (stuck and waiting alerts). */
      since: z.string().optional(),
    })
    .optional(),
  problem: z
    .object({
      id: z.number().int(),
      pipelineId: z.string(),
      failedState: z.string(),
      errorName: z.string(),
      occurrences: z.number().int(),
      reopenCount: z.number().int(),
    })
    .optional(),
  /** The threshold a stuck or waiting run passed. */
  thresholdMinutes: z.number().int().optional(),
  workers: z.object({ lastHeartbeatAt: z.string().nullable(), silentSeconds: z.number().int() }).optional(),
  webhook: z.object({ id: z.number().int(), name: z.string() }).optional(),
});
export type AlertFacts = z.infer<typeof AlertFactsSchema>;

/** Stored facts, read leniently: a delivery written by an older version still renders. */
export function readAlertFacts(event: unknown): AlertFacts {
  const parsed = AlertFactsSchema.safeParse(event);
  return parsed.success ? parsed.data : {};
}

/** `90` → `1.5 h`, `45` → `45 min`, `2880` → `2 d`. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) return `${Number((minutes / 60).toFixed(1))} h`;
  return `${Number((minutes / (24 * 60)).toFixed(1))} d`;
}

const shortId = (id: string) => id.slice(0, 8);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The alert in one line, as a person reads it (the Slack text, the delivery log, the generic `summary`). */
export function describeAlert(
  kind: AlertKind,
  facts: AlertFacts,
  pipelineName: (id: string) => string = (id) => id,
): string {
  const { run, problem } = facts;
  const pipeline = pipelineName(run?.pipelineId ?? problem?.pipelineId ?? '');
  switch (kind) {
    case 'problem_opened':
      return `${ALERT_EVENT_LABELS[kind]} #${problem?.id}: ${pipeline} failed in ${problem?.failedState} (${problem?.errorName})`;
    case 'problem_reopened':
      return `${ALERT_EVENT_LABELS[kind]} #${problem?.id}: ${pipeline} failed again in ${problem?.failedState} (${problem?.errorName}), ${plural(problem?.occurrences ?? 0, 'failure')} so far`;
    case 'run_failed':
      return `Run ${shortId(run?.id ?? '')} of ${pipeline} failed in ${run?.failedState} (problem #${problem?.id}, ${plural(problem?.occurrences ?? 0, 'failure')})`;
    case 'run_stuck':
      return `Run ${shortId(run?.id ?? '')} of ${pipeline} is stuck in ${run?.state}: no transition for over ${formatMinutes(facts.thresholdMinutes ?? 0)}`;
    case 'run_waiting':
      return `Run ${shortId(run?.id ?? '')} of ${pipeline} has waited in ${run?.state} for over ${formatMinutes(facts.thresholdMinutes ?? 0)}`;
    case 'no_live_worker':
      return `No live worker for ${facts.workers?.silentSeconds ?? 0} s: no step runs until a worker is back`;
    case 'test':
      return `Test alert for webhook "${facts.webhook?.name ?? ''}": it reaches you`;
    default: {
      const never: never = kind;
      return String(never);
    }
  }
}

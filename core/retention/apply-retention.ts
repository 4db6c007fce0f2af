import type { Actor } from '../auth/actor';
import type { Engine } from '../engine';
import { pruneQuarantine } from './prune-quarantine';
import { pruneRuns } from './prune-runs';

/** A deployment's retention: how long finished runs and quarantined records are kept. */
export interface RetentionPolicy {
  /** Finished runs older than this many days go; null keeps them (pipelines may still set their own). */
  finishedRunsDays: number | null;
  /** Quarantined records older than this many days go; null keeps them. */
  quarantineDays: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The daily prune: each pipeline with its own `retention` by its own cutoff, every other pipeline
 * (and runs of pipelines no longer registered) by the deployment's, then the quarantine. Each part
 * is audited by the use-case it calls.
 */
export async function applyRetention(
  engine: Engine,
  policy: RetentionPolicy,
  by: Actor,
  options: { now?: Date; signal?: AbortSignal; pauseMs?: number } = {},
): Promise<void> {
  const now = options.now ?? new Date();
  const cutoff = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const own = engine.registry.list().filter((pipeline) => pipeline.retention);
  for (const pipeline of own) {
    await pruneRuns(
      engine,
      {
        finishedBefore: cutoff(pipeline.retention!.finishedRunsDays),
        pipelineIds: [pipeline.id],
        signal: options.signal,
        pauseMs: options.pauseMs,
      },
      by,
    );
  }
  if (policy.finishedRunsDays !== null) {
    await pruneRuns(
      engine,
      {
        finishedBefore: cutoff(policy.finishedRunsDays),
        exceptPipelineIds: own.map((pipeline) => pipeline.id),
        signal: options.signal,
        pauseMs: options.pauseMs,
      },
      by,
    );
  }
  if (policy.quarantineDays !== null) {
    await pruneQuarantine(
      engine,
      { createdBefore: cutoff(policy.quarantineDays), signal: options.signal },
      by,
    );
  }
}

import type { Database } from '../db/client';
import type { EngineObserver } from './engine-observer';
import type { Logger } from './logger';
import type { PipelineRegistry } from './pipeline/pipeline-registry';

/** What every use-case needs: the database, the pipelines, a logger. Built once per process. */
export interface Engine {
  db: Database['db'];
  registry: PipelineRegistry;
  logger: Logger;
  /** Told about committed changes and step attempts (metrics); optional. */
  observer?: EngineObserver;
}

/** graphile-worker task names. */
export const STEP_TASK = 'signalbox.step';
export const CRON_TASK = 'signalbox.cron';

/**
 * graphile-worker's own attempts only cover infrastructure failures (a crashed worker, a lost
 * connection): step failures are retried by the engine with the step's policy.
 */
export const JOB_MAX_ATTEMPTS = 10;

/** Payload of a step job: the step instance it was made for. */
export interface StepJobPayload {
  runId: string;
  state: string;
  /** Run version at which the state was entered. */
  since: number;
  attempt: number;
}

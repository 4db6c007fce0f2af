import { z } from 'zod';
import { defineRoute } from './api-route';
import {
  ForkFailedRunsRequestSchema,
  ForkFailedRunsResultSchema,
  ForkPointQuerySchema,
  ForkPointSchema,
  ForkRunRequestSchema,
} from './fork-requests';
import { ChangedRunSchema } from './run-requests';
import { RunSummarySchema } from './runs';
import { FireTimerRequestSchema, PostponeTimerRequestSchema } from './timer-requests';

const RunParams = z.object({ id: z.string().describe('the run id (a uuid; anything else is 404)') });
const TIMER_ERRORS = [
  'RUN_NOT_FOUND',
  'TRANSITION_NOT_ALLOWED',
  'CONCURRENT_TRANSITION',
  'SNAPSHOT_INCOMPATIBLE',
] as const;

/** Rerun from any point (forks) and the run's durable timers. */
export const forkTimerRoutes = {
  getForkPoint: defineRoute({
    method: 'GET',
    path: '/api/runs/{id}/fork-point',
    summary:
      'The context a run had at a transition (version) or in a state, and the states a fork may start in',
    description: 'Without version or state: the latest point. The context is payload: needs payload:read.',
    access: 'runs:read',
    params: RunParams,
    query: ForkPointQuerySchema,
    responses: { 200: ForkPointSchema },
    errors: ['RUN_NOT_FOUND'],
  }),
  forkRun: defineRoute({
    method: 'POST',
    path: '/api/runs/{id}/fork',
    summary: 'Start a new run from a point of this one, with its context there or an edited one',
    description:
      'The original is never changed. Refused (422) when the state does not exist in the chosen pipeline version.',
    access: 'runs:write',
    params: RunParams,
    body: ForkRunRequestSchema.strict(),
    responses: { 201: z.object({ run: RunSummarySchema, diffSize: z.number().int() }) },
    errors: ['RUN_NOT_FOUND', 'SNAPSHOT_INCOMPATIBLE', 'PIPELINE_VERSION_MISSING', 'PIPELINE_NOT_FOUND'],
  }),
  forkFailedRuns: defineRoute({
    method: 'POST',
    path: '/api/runs/fork-failed',
    summary:
      'Fork every failed run matching a filter from its failed state, with one JSON Patch applied to each context',
    description:
      'dryRun checks every run and writes nothing; otherwise expectedCount must be the number of runs confirmed (409 when it changed).',
    access: 'runs:write',
    body: ForkFailedRunsRequestSchema.strict(),
    responses: { 200: ForkFailedRunsResultSchema },
    errors: ['CONCURRENT_TRANSITION'],
  }),
  fireTimer: defineRoute({
    method: 'POST',
    path: '/api/runs/{id}/timers/fire',
    summary: 'Fire a pending timer of the run now (its delayed transition is taken at once)',
    access: 'runs:write',
    params: RunParams,
    body: FireTimerRequestSchema.strict(),
    responses: { 200: ChangedRunSchema },
    errors: TIMER_ERRORS,
  }),
  postponeTimer: defineRoute({
    method: 'POST',
    path: '/api/runs/{id}/timers/postpone',
    summary: 'Move a pending timer of the run to a later (or earlier) time',
    access: 'runs:write',
    params: RunParams,
    body: PostponeTimerRequestSchema,
    responses: { 200: ChangedRunSchema },
    errors: TIMER_ERRORS,
  }),
};

import { z } from 'zod';
import { defineRoute } from './api-route';

const isoTime = z.iso.datetime({ offset: true });
const PipelineParams = z.object({ id: z.string().min(1) });

/** A paused pipeline: since when, by whom, why, and how many of its runs are queued. */
export const PipelinePauseSchema = z.object({
  pipelineId: z.string(),
  pausedAt: isoTime,
  pausedBy: z.string(),
  reason: z.string(),
  queuedRuns: z.number().int(),
});
export type PipelinePause = z.infer<typeof PipelinePauseSchema>;

export const PauseRequestSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'a reason is required: say why the pipeline is paused')
    .max(1000, 'at most 1,000 characters'),
});
export type PauseRequest = z.infer<typeof PauseRequestSchema>;

export const ResumeRequestSchema = z.object({ reason: z.string().trim().max(1000).optional() });
export type ResumeRequest = z.infer<typeof ResumeRequestSchema>;

export const ResumeResultSchema = z.object({
  releasedRuns: z.number().int().describe('queued runs set back to running'),
  releasedSteps: z.number().int().describe('held step jobs enqueued again, in the order they were held'),
});
export type ResumeResult = z.infer<typeof ResumeResultSchema>;

/** Pause and resume: what an operator does when a pipeline's source breaks. */
export const controlRoutes = {
  listPipelinePauses: defineRoute({
    method: 'GET',
    path: '/api/pipeline-pauses',
    summary: 'The paused pipelines: by whom, since when, why, and their queued runs',
    access: 'runs:read',
    responses: { 200: z.object({ paused: z.array(PipelinePauseSchema) }) },
    errors: [],
  }),
  pausePipeline: defineRoute({
    method: 'POST',
    path: '/api/pipelines/{id}/pause',
    summary: 'Pause a pipeline: new runs are queued, running steps finish, no new step starts (audited)',
    description:
      'Runs started while paused are accepted with status `queued`; steps that come up are held. ' +
      'Cron ticks are skipped (or queued, per schedule `whilePaused`). 409 PIPELINE_ALREADY_PAUSED.',
    access: 'runs:write',
    params: PipelineParams,
    body: PauseRequestSchema,
    responses: { 200: z.object({ pause: PipelinePauseSchema }) },
    errors: ['PIPELINE_NOT_FOUND', 'PIPELINE_ALREADY_PAUSED'],
  }),
  resumePipeline: defineRoute({
    method: 'POST',
    path: '/api/pipelines/{id}/resume',
    summary: 'Resume a paused pipeline: held steps and queued runs are released in order (audited)',
    access: 'runs:write',
    params: PipelineParams,
    body: ResumeRequestSchema,
    responses: { 200: ResumeResultSchema },
    errors: ['PIPELINE_NOT_FOUND', 'PIPELINE_NOT_PAUSED'],
  }),
};

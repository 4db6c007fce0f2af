import { z } from 'zod';
import {
  ApiTokenListSchema,
  AuditPageSchema,
  AuditQuerySchema,
  CreateApiTokenSchema,
  CreatedApiTokenSchema,
  CreatedUserSchema,
  CreateUserSchema,
  SessionSchema,
  SignInRequestSchema,
  UpdateUserSchema,
  UserListSchema,
} from './admin';
import { defineRoute } from './api-route';
import { FILE_MEDIA_TYPES, FileUploadQuerySchema, UploadedFileSchema } from './ingest';
import { OverviewSchema, PipelineSummarySchema, PipelineViewSchema } from './pipelines';

/** Files larger than this are refused with 413: an upload is stored in PostgreSQL before it runs. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

const IdParams = z.object({ id: z.string() });

/** Pipelines, the overview, the live stream, sign-in and administration. */
export const consoleRoutes = {
  listPipelines: defineRoute({
    method: 'GET',
    path: '/api/pipelines',
    summary: 'Every pipeline (newest version) with its run counts per status',
    access: 'runs:read',
    responses: { 200: z.object({ pipelines: z.array(PipelineSummarySchema) }) },
    errors: [],
  }),
  getPipeline: defineRoute({
    method: 'GET',
    path: '/api/pipelines/{id}',
    summary: "A pipeline's definition, input JSON Schema, Mermaid source and run counts per state",
    access: 'runs:read',
    params: IdParams,
    responses: { 200: z.object({ pipeline: PipelineViewSchema }) },
    errors: ['PIPELINE_NOT_FOUND'],
  }),
  uploadFile: defineRoute({
    method: 'POST',
    path: '/api/pipelines/{id}/files',
    summary: 'Submit a file (the raw body) to an ingestion pipeline',
    description:
      '201 with the new run; 200 with the first run for content or a key seen before; 404 for a pipeline that takes no files.',
    access: 'runs:write',
    params: IdParams,
    query: FileUploadQuerySchema,
    upload: { mediaTypes: FILE_MEDIA_TYPES, maxBytes: MAX_UPLOAD_BYTES },
    responses: { 201: UploadedFileSchema, 200: UploadedFileSchema },
    errors: ['PIPELINE_NOT_FOUND'],
  }),
  getOverview: defineRoute({
    method: 'GET',
    path: '/api/overview',
    summary: 'Runs by status over the last 24 h, active runs, recent failures, pipeline health, workers',
    access: 'runs:read',
    responses: { 200: z.object({ overview: OverviewSchema }) },
    errors: [],
  }),
  stream: defineRoute({
    method: 'GET',
    path: '/api/stream',
    summary: 'Server-Sent Events of run changes',
    description:
      '`ready` once connected; `run` for every committed run change or step attempt start and end ({runId, pipelineId, state, status, version}); `resync` when notices may have been missed; `database` ({available}) when PostgreSQL goes away or comes back.',
    access: 'runs:read',
    responses: {
      200: { mediaType: 'text/event-stream', description: 'ready, run, resync and database events' },
    },
    errors: [],
  }),
  getSession: defineRoute({
    method: 'GET',
    path: '/api/session',
    summary: 'Who is calling (401 when nobody is signed in)',
    access: 'any',
    responses: { 200: SessionSchema },
    errors: ['UNAUTHORIZED'],
  }),
  signIn: defineRoute({
    method: 'POST',
    path: '/api/session',
    summary: 'Sign in: 204 with the session cookie, or 401 (slowed down after failures)',
    access: 'public',
    body: SignInRequestSchema,
    responses: { 204: null },
    errors: ['UNAUTHORIZED'],
  }),
  signOut: defineRoute({
    method: 'DELETE',
    path: '/api/session',
    summary: 'Sign out: ends the session and clears the cookie',
    access: 'any',
    responses: { 204: null },
    errors: [],
  }),
  listUsers: defineRoute({
    method: 'GET',
    path: '/api/admin/users',
    summary: 'Users with their role and active sessions',
    access: 'admin',
    responses: { 200: UserListSchema },
    errors: [],
  }),
  createUser: defineRoute({
    method: 'POST',
    path: '/api/admin/users',
    summary: 'Create a user; a generated password is returned once',
    access: 'admin',
    body: CreateUserSchema,
    responses: { 201: CreatedUserSchema },
    errors: [],
  }),
  updateUser: defineRoute({
    method: 'PATCH',
    path: '/api/admin/users/{id}',
    summary: "Change a user's access; a role change or disable ends their sessions",
    access: 'admin',
    params: IdParams,
    body: UpdateUserSchema,
    responses: { 204: null },
    errors: ['NOT_FOUND'],
  }),
  listTokens: defineRoute({
    method: 'GET',
    path: '/api/admin/tokens',
    summary: 'API tokens, never their secrets',
    access: 'admin',
    responses: { 200: ApiTokenListSchema },
    errors: [],
  }),
  createToken: defineRoute({
    method: 'POST',
    path: '/api/admin/tokens',
    summary: 'Create an API token; the secret is in this answer only',
    access: 'admin',
    body: CreateApiTokenSchema,
    responses: { 201: CreatedApiTokenSchema },
    errors: [],
  }),
  revokeToken: defineRoute({
    method: 'DELETE',
    path: '/api/admin/tokens/{id}',
    summary: 'Revoke an API token at once',
    access: 'admin',
    params: IdParams,
    responses: { 204: null },
    errors: ['NOT_FOUND'],
  }),
  listAudit: defineRoute({
    method: 'GET',
    path: '/api/admin/audit',
    summary: 'The audit trail, newest first',
    access: 'admin',
    query: AuditQuerySchema,
    responses: { 200: AuditPageSchema },
    errors: [],
  }),
  exportAudit: defineRoute({
    method: 'GET',
    path: '/api/admin/audit.csv',
    summary: 'The filtered audit trail as a CSV download',
    access: 'admin',
    query: AuditQuerySchema,
    responses: { 200: { mediaType: 'text/csv', description: 'one row per audit event' } },
    errors: [],
  }),
};

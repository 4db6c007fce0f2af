import { z } from 'zod';
import { RunSummarySchema } from './runs';

export const IngestCountsSchema = z.object({
  received: z.number().int(),
  valid: z.number().int(),
  quarantined: z.number().int(),
  loaded: z.number().int(),
  duplicates: z.number().int(),
});

export const IngestFileRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
});

/** An ingestion run's numbers; a run of a pipeline that takes no files has `file: null` and zeros. */
export const IngestSummarySchema = z.object({
  runId: z.string(),
  file: IngestFileRefSchema.nullable(),
  counts: IngestCountsSchema.describe('counted from the tables now: live while a step is running'),
  quarantineIssues: z.number().int().describe('(record, field) rows in quarantine'),
  quarantinedShare: z.number(),
  reviewThreshold: z.number().nullable(),
  converted: z.number().int().nullable().describe('values converted to their canonical unit'),
  review: z.object({ decision: z.enum(['approved', 'rejected']), comment: z.string().nullable() }).nullable(),
});
export type IngestSummary = z.infer<typeof IngestSummarySchema>;

/** `true`/`1` or `false`/`0`, as a query parameter. */
const Flag = z
  .enum(['true', 'false', '1', '0'], { error: 'expected true or false' })
  .transform((text) => text === 'true' || text === '1');

/** `GET /api/runs/:id/quarantine`: `page`, `pageSize` (≤ 500) and `values` (raw values, default off). */
export const QuarantineQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  values: Flag.default(false).describe('include the raw values (health data): needs payload:read'),
});
export type QuarantineQuery = z.infer<typeof QuarantineQuerySchema>;

export const QuarantineItemSchema = z.object({
  recordNumber: z.number().int(),
  line: z.number().int().nullable(),
  field: z.string(),
  reason: z.string(),
  stage: z.string(),
  rawValue: z.string().nullable().optional().describe('only when the values were asked for'),
});

export const QuarantineViewSchema = z.object({
  items: z.array(QuarantineItemSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int().describe('(record, field) rows in total'),
  records: z.number().int().describe('distinct quarantined records'),
  pageCount: z.number().int(),
  values: z.boolean().describe('whether items carry their raw values'),
});
export type QuarantineView = z.infer<typeof QuarantineViewSchema>;

export const FileUploadQuerySchema = z.object({
  fileName: z
    .string({ error: 'fileName is required, e.g. ?fileName=results.csv' })
    .trim()
    .min(1, 'fileName is required, e.g. ?fileName=results.csv')
    .max(255, 'fileName must be at most 255 characters')
    .regex(/^[^\p{Cc}]*$/u, 'fileName must not contain control characters'),
  idempotencyKey: z
    .string()
    .trim()
    .min(1)
    .max(200, 'idempotencyKey must be at most 200 characters')
    .optional()
    .describe('default: the content hash'),
});

/** What an upload may declare itself as: CSV, JSON (FHIR's own type too), plain text, or raw bytes. */
export const FILE_MEDIA_TYPES = [
  'text/csv',
  'application/json',
  'application/fhir+json',
  'text/plain',
  'application/octet-stream',
] as const;

export const UploadedFileSchema = z.object({
  run: RunSummarySchema,
  created: z.boolean().describe('false: a run for the same content or key existed'),
  file: z.object({ sha256: z.string(), bytes: z.number().int() }),
});

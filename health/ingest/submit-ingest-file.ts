import { basename } from 'node:path';
import { z } from 'zod';
import type { Actor } from '../../core/auth/actor';
import type { Engine } from '../../core/engine';
import { AppError, fieldErrors } from '../../core/errors';
import { type StartRunResult, startRun } from '../../core/runs/start-run';
import { findRunByIdempotencyKey } from '../../db/queries/find-run-by-idempotency-key';
import type { IngestInput } from './ingest-machine';
import { type StoredFile, storeIngestFile } from './store-ingest-file';

export const SubmitIngestFileRequestSchema = z.object({
  pipelineId: z.string().trim().min(1, 'pipelineId is required').max(100),
  fileName: z.string().trim().min(1, 'fileName is required').max(255),
  idempotencyKey: z.string().min(1).max(200).optional(),
  maxBytes: z.number().int().positive().optional(),
});
export type SubmitIngestFileRequest = z.infer<typeof SubmitIngestFileRequestSchema>;

export interface SubmitIngestFileResult extends StartRunResult {
  file: StoredFile;
}

/**
 * Submits a file to an ingestion pipeline (the CLI, the API, the inbox): stores its content in
 * PostgreSQL, then starts a run with the stored file as input. `idempotencyKey` may be derived from
 * the content hash, so the same bytes submitted twice return the first run.
 */
export async function submitIngestFile(
  engine: Engine,
  request: Omit<SubmitIngestFileRequest, 'idempotencyKey'> & {
    idempotencyKey?: string | ((sha256: string) => string);
    content: AsyncIterable<Uint8Array>;
  },
  actor: Actor,
): Promise<SubmitIngestFileResult> {
  const parsed = SubmitIngestFileRequestSchema.safeParse({
    ...request,
    idempotencyKey: typeof request.idempotencyKey === 'string' ? request.idempotencyKey : undefined,
  });
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'invalid file submission', {
      fields: fieldErrors(parsed.error.issues),
    });
  }
  const pipeline = engine.registry.latest(parsed.data.pipelineId);
  if (parsed.data.idempotencyKey) {
    const existing = await findRunByIdempotencyKey(engine.db, pipeline.id, parsed.data.idempotencyKey);
    if (existing) {
      const file = (existing.input as IngestInput).file;
      return {
        run: existing,
        created: false,
        file: { id: file.id, sha256: file.sha256, bytes: file.bytes, reused: true },
      };
    }
  }
  const file = await storeIngestFile(engine.db, request.content, { maxBytes: parsed.data.maxBytes });
  const key =
    typeof request.idempotencyKey === 'function'
      ? request.idempotencyKey(file.sha256)
      : parsed.data.idempotencyKey;
  const input: IngestInput = {
    file: { id: file.id, name: basename(parsed.data.fileName), sha256: file.sha256, bytes: file.bytes },
  };
  const started = await startRun(engine, { pipelineId: pipeline.id, input, idempotencyKey: key }, actor);
  return { ...started, file };
}

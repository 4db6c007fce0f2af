import type { Actor } from '../../core/auth/actor';
import { authorize } from '../../core/auth/actor';
import type { Engine } from '../../core/engine';
import { AppError } from '../../core/errors';
import { type SubmitIngestFileResult, submitIngestFile } from './submit-ingest-file';

export interface UploadIngestFileRequest {
  pipelineId: string;
  fileName: string;
  /** The request body, read once as it arrives: the file is never held in memory whole. */
  content: AsyncIterable<Uint8Array>;
  /** Without one, the content hash is the key: the same bytes uploaded again return the first run. */
  idempotencyKey?: string;
  maxBytes: number;
}

/** The idempotency key of an upload without one: its content, so a double submit starts one run. */
export const uploadKey = (sha256: string) => `upload:${sha256}`;

/**
 * A file uploaded through the console or the API: refuses a pipeline that does not take files
 * (`NOT_FOUND`, 404, naming the ones that do) before a byte is read, then stores the file and starts
 * the run (`submitIngestFile`). `created` is false when the key (or the content) was seen before.
 * A person or token needs `runs:write` (`FORBIDDEN`, 403).
 */
export async function uploadIngestFile(
  engine: Engine,
  request: UploadIngestFileRequest,
  by: Actor,
): Promise<SubmitIngestFileResult> {
  authorize(by, 'runs:write');
  const pipeline = engine.registry.latest(request.pipelineId);
  if (!pipeline.accepts.files) {
    const accepting = engine.registry
      .list()
      .filter((p) => p.accepts.files)
      .map((p) => p.id);
    throw new AppError(
      'NOT_FOUND',
      `pipeline '${pipeline.id}' does not take files; pipelines that do: ${accepting.join(', ') || 'none'}`,
      { pipelineId: pipeline.id, filePipelines: accepting },
    );
  }
  return submitIngestFile(
    engine,
    {
      pipelineId: pipeline.id,
      fileName: request.fileName,
      content: request.content,
      idempotencyKey: request.idempotencyKey ?? uploadKey,
      maxBytes: request.maxBytes,
    },
    by,
  );
}

import { summarizeRun } from '../../../../../core/runs/run-summary';
import { uploadIngestFile } from '../../../../../health/ingest/upload-ingest-file';
import { requireRequestPrincipal } from '../../../../_lib/auth/request-principal';
import { getEngine } from '../../../../_lib/engine';
import { apiHandler } from '../../../../_lib/http/api-handler';
import { assertSameOrigin } from '../../../../_lib/http/assert-same-origin';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { MAX_UPLOAD_BYTES, readFileUpload } from '../../../../_lib/http/read-file-upload';

export const dynamic = 'force-dynamic';

/**
 * Submits a file to an ingestion pipeline: the raw file is the body (`Content-Type` text/csv,
 * application/json, application/fhir+json, text/plain or application/octet-stream), its name in
 * `?fileName=`, an optional `?idempotencyKey=` (default: the content hash). 201 with the new run;
 * 200 with the first run for content or a key seen before; 404 for a pipeline that takes no files,
 * 413 above 64 MiB, 415 for another media type.
 *
 *     curl --data-binary @results.csv -H 'content-type: text/csv' \
 *       'http://localhost:3000/api/pipelines/lab-results-csv/files?fileName=results.csv'
 */
export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  assertSameOrigin(request);
  const principal = await requireRequestPrincipal(request, 'runs:write');
  const { id } = await params;
  const { fileName, idempotencyKey, content } = readFileUpload(request, MAX_UPLOAD_BYTES);
  const { run, created, file } = await uploadIngestFile(
    getEngine(),
    { pipelineId: id, fileName, idempotencyKey, content, maxBytes: MAX_UPLOAD_BYTES },
    principal,
  );
  return Response.json(
    { run: summarizeRun(run), created, file: { sha256: file.sha256, bytes: file.bytes } },
    { status: created ? 201 : 200 },
  );
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);

import { apiRoutes } from '../../../../../contracts/api-routes';
import { summarizeRun } from '../../../../../core/runs/run-summary';
import { uploadIngestFile } from '../../../../../health/ingest/upload-ingest-file';
import { getEngine } from '../../../../_lib/engine';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { routeHandler, withStatus } from '../../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

/**
 * The raw file is the body; its name in `?fileName=`, an optional `?idempotencyKey=` (default: the
 * content hash):
 *
 *     curl --data-binary @results.csv -H 'content-type: text/csv' \
 *       'http://localhost:3000/api/pipelines/lab-results-csv/files?fileName=results.csv'
 */
export const POST = routeHandler(apiRoutes.uploadFile, async ({ principal, params, upload }) => {
  const { fileName, idempotencyKey, content } = upload;
  const { run, created, file } = await uploadIngestFile(
    getEngine(),
    {
      pipelineId: params.id,
      fileName,
      idempotencyKey,
      content,
      maxBytes: apiRoutes.uploadFile.upload.maxBytes,
    },
    principal,
  );
  return withStatus(created ? 201 : 200, {
    run: summarizeRun(run),
    created,
    file: { sha256: file.sha256, bytes: file.bytes },
  });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);

import { exportQuarantineCsv } from '../../../../../health/ingest/export-quarantine-csv';
import { requireRequestPrincipal } from '../../../../_lib/auth/request-principal';
import { getEngine } from '../../../../_lib/engine';
import { apiHandler } from '../../../../_lib/http/api-handler';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { textStream } from '../../../../_lib/http/text-stream';

export const dynamic = 'force-dynamic';

/**
 * The run's quarantined records as a CSV download (raw values included: this is the operator's
 * explicit export; 403 for roles without `payload:read`), streamed a page at a time. 404 before the first byte for an unknown run; a run
 * of a pipeline that takes no files exports the header only.
 */
export const GET = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const principal = await requireRequestPrincipal(request, 'runs:read');
  const { id } = await params;
  const engine = getEngine();
  const chunks = await exportQuarantineCsv(engine, id, principal);
  const body = textStream(chunks, (error) =>
    // The status is sent already: log what failed (never the rows), the download ends short.
    engine.logger.error({ runId: id, err: (error as Error)?.name }, 'quarantine export failed mid-stream'),
  );
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      // The id was checked by the export (a uuid): safe in a header.
      'Content-Disposition': `attachment; filename="quarantine-${id.slice(0, 8)}.csv"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);

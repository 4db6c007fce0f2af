import { apiRoutes } from '../../../../../contracts/api-routes';
import { exportQuarantineCsv } from '../../../../../health/ingest/export-quarantine-csv';
import { getEngine } from '../../../../_lib/engine';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../../_lib/http/route-handler';
import { textStream } from '../../../../_lib/http/text-stream';

export const dynamic = 'force-dynamic';

/**
 * Raw values included: this is the operator's explicit export (403 for roles without `payload:read`),
 * streamed a page at a time; 404 before the first byte for an unknown run.
 */
export const GET = routeHandler(apiRoutes.exportQuarantine, async ({ principal, params }) => {
  const engine = getEngine();
  const chunks = await exportQuarantineCsv(engine, params.id, principal);
  const body = textStream(chunks, (error) =>
    // The status is sent already: log what failed (never the rows), the download ends short.
    engine.logger.error(
      { runId: params.id, err: (error as Error)?.name },
      'quarantine export failed mid-stream',
    ),
  );
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      // The id was checked by the export (a uuid): safe in a header.
      'Content-Disposition': `attachment; filename="quarantine-${params.id.slice(0, 8)}.csv"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);

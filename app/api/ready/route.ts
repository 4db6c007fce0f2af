import { checkReadiness } from '../../../core/health/check-readiness';
import { getEngine } from '../../_lib/engine';
import { otherMethods } from '../../_lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/**
 * Readiness: 200 when PostgreSQL answers and its migrations are the ones this build expects, else
 * 503 saying which check failed. No authentication, no data.
 */
export async function GET() {
  const readiness = await checkReadiness(getEngine().db);
  const { ready, database, migrations } = readiness;
  return Response.json(
    { status: ready ? 'ready' : 'unavailable', database, migrations },
    { status: ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);

import { otherMethods } from '../../_lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Liveness: the console process answers. No database, no authentication, no data. */
export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);

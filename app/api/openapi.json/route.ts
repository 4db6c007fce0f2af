import { apiRoutes } from '../../../contracts/api-routes';
import { openApiDocument } from '../../../contracts/openapi-document';
import { otherMethods } from '../../_lib/http/method-not-allowed';
import { routeHandler } from '../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

let document: string | undefined;

/** The API described as OpenAPI 3.1 (public: it holds no data), generated once per process. */
export const GET = routeHandler(apiRoutes.getOpenApi, async () => {
  document ??= JSON.stringify(openApiDocument());
  return new Response(document, {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);

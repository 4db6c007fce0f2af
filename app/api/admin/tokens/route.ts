import { apiRoutes } from '../../../../contracts/api-routes';
import { createApiToken } from '../../../../core/auth/tokens/create-api-token';
import { listApiTokens } from '../../../../db/queries/list-api-tokens';
import { getAuthServices } from '../../../_lib/auth/auth-services';
import { otherMethods } from '../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(apiRoutes.listTokens, async () => ({
  tokens: await listApiTokens(getAuthServices().engine.db),
}));

export const POST = routeHandler(apiRoutes.createToken, async ({ principal, body }) => ({
  token: await createApiToken(getAuthServices().engine, body, principal),
}));

export const { PUT, PATCH, DELETE } = otherMethods(['GET', 'POST']);

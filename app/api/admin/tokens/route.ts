import { apiRoutes } from '../../../../contracts/api-routes';
import { createApiToken } from '../../../../core/auth/tokens/create-api-token';
import { listApiTokens } from '../../../../core/auth/tokens/list-api-tokens';
import { getAuthServices } from '../../../_lib/auth/auth-services';
import { otherMethods } from '../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(apiRoutes.listTokens, async ({ principal }) => ({
  tokens: await listApiTokens(getAuthServices().engine, principal),
}));

export const POST = routeHandler(apiRoutes.createToken, async ({ principal, body }) => ({
  token: await createApiToken(getAuthServices().engine, body, principal),
}));

export const { PUT, PATCH, DELETE } = otherMethods(['GET', 'POST']);

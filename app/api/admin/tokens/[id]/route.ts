import { apiRoutes } from '../../../../../contracts/api-routes';
import { revokeApiToken } from '../../../../../core/auth/tokens/revoke-api-token';
import { getAuthServices } from '../../../../_lib/auth/auth-services';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const DELETE = routeHandler(apiRoutes.revokeToken, async ({ principal, params }) => {
  await revokeApiToken(getAuthServices().engine, params.id, principal);
});

export const { GET, POST, PUT, PATCH } = otherMethods(['DELETE']);

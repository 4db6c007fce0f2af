import { apiRoutes } from '../../../../../contracts/api-routes';
import { updateUser } from '../../../../../core/auth/users/update-user';
import { getAuthServices } from '../../../../_lib/auth/auth-services';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const PATCH = routeHandler(apiRoutes.updateUser, async ({ principal, params, body }) => {
  await updateUser(getAuthServices().engine, params.id, body, principal);
});

export const { GET, POST, PUT, DELETE } = otherMethods(['PATCH']);

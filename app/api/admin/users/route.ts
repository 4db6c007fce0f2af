import { apiRoutes } from '../../../../contracts/api-routes';
import { createUser } from '../../../../core/auth/users/create-user';
import { listUsers } from '../../../../core/auth/users/list-users';
import { getAuthServices } from '../../../_lib/auth/auth-services';
import { otherMethods } from '../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(apiRoutes.listUsers, async ({ principal }) => ({
  users: await listUsers(getAuthServices().engine, principal),
}));

/** A generated password is in this answer only. */
export const POST = routeHandler(apiRoutes.createUser, async ({ principal, body }) => {
  const user = await createUser(getAuthServices(), body, principal);
  return { user: { ...user, password: user.generated ? user.password : undefined } };
});

export const { PUT, PATCH, DELETE } = otherMethods(['GET', 'POST']);

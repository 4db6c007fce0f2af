import { requirePermission } from '../../../../core/auth/principal';
import { CreateUserSchema, createUser } from '../../../../core/auth/users/create-user';
import { parseInput } from '../../../../core/parse-input';
import { listUsers } from '../../../../db/queries/list-users';
import { getAuthServices } from '../../../_lib/auth/auth-services';
import { requestPrincipal, requireRequestPrincipal } from '../../../_lib/auth/request-principal';
import { apiHandler } from '../../../_lib/http/api-handler';
import { assertJsonMutation } from '../../../_lib/http/assert-same-origin';
import { otherMethods } from '../../../_lib/http/method-not-allowed';
import { readJsonBody } from '../../../_lib/http/read-json-body';

export const dynamic = 'force-dynamic';

/** Users with their role and active sessions (admins). */
export const GET = apiHandler(async (request) => {
  await requireRequestPrincipal(request, 'admin');
  return Response.json({ users: await listUsers(getAuthServices().engine.db) });
});

/** Creates a user `{email, role, name?, password?}`; a generated password is returned once. */
export const POST = apiHandler(async (request) => {
  assertJsonMutation(request);
  const principal = requirePermission(await requestPrincipal(request), 'admin');
  const body = parseInput(CreateUserSchema, await readJsonBody(request), 'request body');
  const user = await createUser(getAuthServices(), body, principal);
  return Response.json(
    { user: { ...user, password: user.generated ? user.password : undefined } },
    { status: 201 },
  );
});

export const { PUT, PATCH, DELETE } = otherMethods(['GET', 'POST']);

import { CreateUserSchema, createUser } from '../../../../core/auth/users/create-user';
import { listUsers } from '../../../../core/auth/users/list-users';
import { parseInput } from '../../../../core/parse-input';
import { getAuthServices } from '../../../_lib/auth/auth-services';
import { requireRequestPrincipal } from '../../../_lib/auth/request-principal';
import { apiHandler } from '../../../_lib/http/api-handler';
import { assertJsonMutation } from '../../../_lib/http/assert-same-origin';
import { otherMethods } from '../../../_lib/http/method-not-allowed';
import { readJsonBody } from '../../../_lib/http/read-json-body';

export const dynamic = 'force-dynamic';

/** Users with their role and active sessions (admins). */
export const GET = apiHandler(async (request) => {
  const principal = await requireRequestPrincipal(request, 'admin');
  return Response.json({ users: await listUsers(getAuthServices().engine, principal) });
});

/** Creates a user `{email, role, name?, password?}`; a generated password is returned once. */
export const POST = apiHandler(async (request) => {
  assertJsonMutation(request);
  const principal = await requireRequestPrincipal(request, 'admin');
  const body = parseInput(CreateUserSchema, await readJsonBody(request), 'request body');
  const user = await createUser(getAuthServices(), body, principal);
  return Response.json(
    { user: { ...user, password: user.generated ? user.password : undefined } },
    { status: 201 },
  );
});

export const { PUT, PATCH, DELETE } = otherMethods(['GET', 'POST']);

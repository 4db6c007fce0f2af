import { UpdateUserSchema, updateUser } from '../../../../../core/auth/users/update-user';
import { parseInput } from '../../../../../core/parse-input';
import { getAuthServices } from '../../../../_lib/auth/auth-services';
import { requireRequestPrincipal } from '../../../../_lib/auth/request-principal';
import { apiHandler } from '../../../../_lib/http/api-handler';
import { assertJsonMutation } from '../../../../_lib/http/assert-same-origin';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { readJsonBody } from '../../../../_lib/http/read-json-body';

export const dynamic = 'force-dynamic';

/** `{role?, disabled?, revokeSessions?}`: changes access; a role change or disable ends their sessions. */
export const PATCH = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  assertJsonMutation(request);
  const principal = await requireRequestPrincipal(request, 'admin');
  const { id } = await params;
  const body = parseInput(UpdateUserSchema, await readJsonBody(request), 'request body');
  await updateUser(getAuthServices().engine, id, body, principal);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, DELETE } = otherMethods(['PATCH']);

import { CreateApiTokenSchema, createApiToken } from '../../../../core/auth/tokens/create-api-token';
import { listApiTokens } from '../../../../core/auth/tokens/list-api-tokens';
import { parseInput } from '../../../../core/parse-input';
import { getAuthServices } from '../../../_lib/auth/auth-services';
import { requireRequestPrincipal } from '../../../_lib/auth/request-principal';
import { apiHandler } from '../../../_lib/http/api-handler';
import { assertJsonMutation } from '../../../_lib/http/assert-same-origin';
import { otherMethods } from '../../../_lib/http/method-not-allowed';
import { readJsonBody } from '../../../_lib/http/read-json-body';

export const dynamic = 'force-dynamic';

/** API tokens, never their secrets (admins). */
export const GET = apiHandler(async (request) => {
  const principal = await requireRequestPrincipal(request, 'admin');
  return Response.json({ tokens: await listApiTokens(getAuthServices().engine, principal) });
});

/** Creates a token `{name, role}`; the secret is in this answer only. */
export const POST = apiHandler(async (request) => {
  assertJsonMutation(request);
  const principal = await requireRequestPrincipal(request, 'admin');
  const body = parseInput(CreateApiTokenSchema, await readJsonBody(request), 'request body');
  return Response.json(
    { token: await createApiToken(getAuthServices().engine, body, principal) },
    { status: 201 },
  );
});

export const { PUT, PATCH, DELETE } = otherMethods(['GET', 'POST']);

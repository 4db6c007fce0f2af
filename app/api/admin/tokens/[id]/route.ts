import { revokeApiToken } from '../../../../../core/auth/tokens/revoke-api-token';
import { getAuthServices } from '../../../../_lib/auth/auth-services';
import { requireRequestPrincipal } from '../../../../_lib/auth/request-principal';
import { apiHandler } from '../../../../_lib/http/api-handler';
import { assertSameOrigin } from '../../../../_lib/http/assert-same-origin';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Revokes the token at once. */
export const DELETE = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  assertSameOrigin(request);
  const principal = await requireRequestPrincipal(request, 'admin');
  const { id } = await params;
  await revokeApiToken(getAuthServices().engine, id, principal);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH } = otherMethods(['DELETE']);

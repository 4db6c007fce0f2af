import { secureCookies } from '../../../core/auth/auth-config';
import { SignInRequestSchema, signIn } from '../../../core/auth/sign-in';
import { signOut } from '../../../core/auth/sign-out';
import { AppError } from '../../../core/errors';
import { parseInput } from '../../../core/parse-input';
import { getAuthServices } from '../../_lib/auth/auth-services';
import { clientIp } from '../../_lib/auth/client-ip';
import { requestPrincipal } from '../../_lib/auth/request-principal';
import { apiHandler } from '../../_lib/http/api-handler';
import { assertJsonMutation, assertSameOrigin } from '../../_lib/http/assert-same-origin';
import { otherMethods } from '../../_lib/http/method-not-allowed';
import { readJsonBody } from '../../_lib/http/read-json-body';

export const dynamic = 'force-dynamic';

/** Who am I: `{ principal }` or 401. */
export const GET = apiHandler(async (request) => {
  const principal = await requestPrincipal(request);
  if (!principal) throw new AppError('UNAUTHORIZED', 'not signed in');
  const { name, role, kind } = principal;
  return Response.json({ principal: { name, role, kind } });
});

/** Sign in: `{email, password}` → 204 with the session cookie, or 401 (slowed down after failures). */
export const POST = apiHandler(async (request) => {
  assertJsonMutation(request);
  const body = parseInput(SignInRequestSchema, await readJsonBody(request), 'request body');
  const { headers } = await signIn(getAuthServices(), body, {
    ip: clientIp(request.headers),
    userAgent: request.headers.get('user-agent'),
  });
  const response = new Response(null, { status: 204 });
  for (const cookie of headers.getSetCookie()) response.headers.append('set-cookie', cookie);
  return response;
});

/** Sign out: ends the session in Postgres and clears the cookie. */
export const DELETE = apiHandler(async (request) => {
  assertSameOrigin(request);
  const principal = await requestPrincipal(request);
  if (principal) await signOut(getAuthServices(), principal);
  const secure = secureCookies(getAuthServices().config);
  const name = `${secure ? '__Secure-' : ''}signalbox.session_token`;
  const response = new Response(null, { status: 204 });
  response.headers.append(
    'set-cookie',
    `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`,
  );
  return response;
});

export const { PUT, PATCH } = otherMethods(['GET', 'POST', 'DELETE']);

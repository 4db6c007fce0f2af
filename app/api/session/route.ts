import { apiRoutes } from '../../../contracts/api-routes';
import { secureCookies } from '../../../core/auth/auth-config';
import { signIn } from '../../../core/auth/sign-in';
import { signOut } from '../../../core/auth/sign-out';
import { AppError } from '../../../core/errors';
import { getAuthServices } from '../../_lib/auth/auth-services';
import { clientIp } from '../../_lib/auth/client-ip';
import { otherMethods } from '../../_lib/http/method-not-allowed';
import { routeHandler } from '../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(apiRoutes.getSession, async ({ principal }) => {
  if (!principal) throw new AppError('UNAUTHORIZED', 'not signed in');
  const { name, role, kind } = principal;
  return { principal: { name, role, kind } };
});

export const POST = routeHandler(apiRoutes.signIn, async ({ request, body }) => {
  const { headers } = await signIn(getAuthServices(), body, {
    ip: clientIp(request.headers),
    userAgent: request.headers.get('user-agent'),
  });
  const response = new Response(null, { status: 204 });
  for (const cookie of headers.getSetCookie()) response.headers.append('set-cookie', cookie);
  return response;
});

/** Ends the session in Postgres (when there is one) and clears the cookie. */
export const DELETE = routeHandler(apiRoutes.signOut, async ({ principal }) => {
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

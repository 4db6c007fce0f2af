import { type NextRequest, NextResponse } from 'next/server';
import { requestIdOf } from './app/_lib/http/request-id';

/**
 * Security headers for every response (a fresh CSP nonce per request), and a quick redirect to the
 * sign-in page for page requests that carry no session cookie at all. API routes answer for
 * themselves with the access their entry in `contracts/api-routes.ts` declares (`/api/openapi.json`
 * and signing in are public; everything else 401/403). This is only a convenience:
 * every page, route handler and server action checks the principal itself through `core`, so a
 * request that skips this proxy (e.g. a forged `x-middleware-subrequest`) gains nothing.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce, request);
  const { pathname, search } = request.nextUrl;

  const isPage = !pathname.startsWith('/api/') && pathname !== '/login';
  const hasSession = request.cookies.getAll().some((c) => c.name.endsWith('signalbox.session_token'));
  if (isPage && !hasSession) {
    const login = new URL('/login', request.url);
    if (pathname !== '/') login.searchParams.set('next', `${pathname}${search}`);
    return withSecurityHeaders(NextResponse.redirect(login, 302), csp);
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  // One id per request for the console's log lines (kept when a load balancer already set one).
  const requestId = requestIdOf(request.headers);
  requestHeaders.set('x-request-id', requestId);
  // Where a page layout sends a visitor back to after signing in (it cannot see the URL itself).
  requestHeaders.set('x-signalbox-path', `${pathname}${search}`);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('x-request-id', requestId);
  return withSecurityHeaders(response, csp);
}

function contentSecurityPolicy(nonce: string, request: NextRequest): string {
  const dev = process.env.NODE_ENV === 'development';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Mermaid writes style attributes into its SVG: inline styles are allowed, inline scripts are not.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(request.nextUrl.protocol === 'https:' ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  response.headers.set('Content-Security-Policy', csp);
  response.headers.set('X-Content-Type-Options', 'nosniff');
  response.headers.set('Referrer-Policy', 'no-referrer');
  response.headers.set('X-Frame-Options', 'DENY');
  response.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!_next/static|_next/image|favicon.ico|icon.svg).*)',
      missing: [{ type: 'header', key: 'next-router-prefetch' }],
    },
  ],
};

import 'server-only';
import { AppError } from '../../../core/errors';

/**
 * Refuses state-changing requests that a browser sent from another site: a cross-site `Origin`, an
 * opaque `Origin: null` (sandboxed frames, some redirects) and `Sec-Fetch-Site: cross-site` are 403.
 * Requests without an Origin header (curl, scripts with a Bearer token) are not from a browser page
 * and pass; SameSite=Strict session cookies are the second line.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite === 'cross-site') throw crossSite();
  if (origin === null) return;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  let originHost = '';
  try {
    originHost = origin === 'null' ? '' : new URL(origin).host;
  } catch {
    originHost = '';
  }
  if (!host || !originHost || originHost !== host) throw crossSite();
}

const crossSite = () =>
  new AppError(
    'FORBIDDEN',
    'cross-site request refused: use the console or call the API without an Origin header',
  );

/**
 * The guard of every mutating JSON route handler: same origin (403), and a JSON body declared as
 * such (415) — a form post from another page cannot pass as JSON, so it cannot skip the CORS
 * preflight. File uploads check their own media types (`readFileUpload`).
 */
export function assertJsonMutation(request: Request): void {
  assertSameOrigin(request);
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json') {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `${type ? `Content-Type ${type} is not accepted` : 'Content-Type is required'}: send application/json`,
      { accepted: ['application/json'] },
    );
  }
}

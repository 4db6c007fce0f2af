import 'server-only';
import { AppError } from '../../../core/errors';

/**
 * Refuses state-changing requests that a browser sent from another site (until sign-in exists, this is
 * what stops a web page from cancelling runs through an operator's browser). Requests without an
 * Origin header (curl, scripts, tests) are not from a browser page and pass.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  if (!origin) return;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = '';
  }
  if (!host || originHost !== host) {
    throw new AppError(
      'FORBIDDEN',
      'cross-site request refused: use the console or call the API without an Origin header',
    );
  }
}

import 'server-only';
import { authorize, type Principal } from '../../../core/auth/actor';
import { resolvePrincipal } from '../../../core/auth/resolve-principal';
import type { Permission } from '../../../core/auth/roles';
import { getAuthServices } from './auth-services';
import { clientIp } from './client-ip';

/** Who sent this API request (session cookie or Bearer token), or null. */
export function requestPrincipal(request: Request): Promise<Principal | null> {
  return resolvePrincipal(getAuthServices(), request.headers, clientIp(request.headers));
}

/** The principal, if it may do `permission`; otherwise a 401/403 `AppError` for the error mapper. */
export async function requireRequestPrincipal(request: Request, permission: Permission): Promise<Principal> {
  const principal = await requestPrincipal(request);
  authorize(principal, permission);
  return principal as Principal;
}

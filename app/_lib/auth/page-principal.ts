import 'server-only';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { can, type Principal } from '../../../core/auth/actor';
import { resolvePrincipal } from '../../../core/auth/resolve-principal';
import type { Permission } from '../../../core/auth/roles';
import { getAuthServices } from './auth-services';
import { clientIp } from './client-ip';

/** Who is viewing this page (resolved once per request), or null. */
export const pagePrincipal = cache(async (): Promise<Principal | null> => {
  const incoming = await headers();
  return resolvePrincipal(getAuthServices(), incoming, clientIp(incoming));
});

/**
 * For layouts and pages: sends anonymous (or expired) visitors to the sign-in page and answers 403
 * to people whose role lacks `permission`.
 */
export async function requirePagePrincipal(permission: Permission, next = '/'): Promise<Principal> {
  const principal = await pagePrincipal();
  if (!principal) redirect(`/login?next=${encodeURIComponent(next)}`);
  if (!can(principal, permission)) forbidden();
  return principal;
}

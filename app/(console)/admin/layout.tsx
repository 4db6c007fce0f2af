import type { ReactNode } from 'react';
import { requirePagePrincipal } from '../../_lib/auth/page-principal';

/** Admin pages: 403 (app/forbidden.tsx) for signed-in people who are not admins. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requirePagePrincipal('admin', '/admin/users');
  return children;
}

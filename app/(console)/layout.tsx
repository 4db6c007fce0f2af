import { headers } from 'next/headers';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import type { ReactNode } from 'react';
import { SessionControl } from '../../components/auth/session-control';
import { ViewerProvider } from '../../components/auth/viewer-context';
import { SidebarNav } from '../../components/layout/sidebar-nav';
import { DatabaseBanner } from '../../components/live/database-banner';
import { LiveStatus } from '../../components/live/live-status';
import { AppProviders } from '../../components/providers/app-providers';
import { ThemeToggle } from '../../components/theme/theme-toggle';
import { can } from '../../core/auth/actor';
import { requirePagePrincipal } from '../_lib/auth/page-principal';

/**
 * The console's shell, for signed-in people only: anonymous or expired visitors go to /login (and
 * come back to the page they asked for). Each page checks its own permission again: a layout is
 * not re-rendered on every client navigation.
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const path = (await headers()).get('x-signalbox-path') ?? '/';
  const principal = await requirePagePrincipal('runs:read', path);
  // Checked here too (admin/layout.tsx checks again): below this layout, loading.tsx streams the
  // page, and a 403 decided after the first byte would go out as 200.
  if (/^\/admin(\/|$|\?)/.test(path) && !can(principal, 'admin')) forbidden();
  const viewer = {
    name: principal.name,
    role: principal.role,
    canWrite: can(principal, 'runs:write'),
    canReadPayload: can(principal, 'payload:read'),
    isAdmin: can(principal, 'admin'),
  };
  return (
    <ViewerProvider viewer={viewer}>
      <AppProviders>
        <div className="shell">
          <aside className="sidebar">
            <Link href="/" className="brand">
              <span className="brand-mark" aria-hidden="true">
                S
              </span>
              Signalbox
            </Link>
            <SidebarNav />
            <div className="sidebar-footer">
              <LiveStatus />
              <SessionControl />
              <ThemeToggle />
            </div>
          </aside>
          <main id="main" className="main">
            <DatabaseBanner />
            {children}
          </main>
        </div>
      </AppProviders>
    </ViewerProvider>
  );
}

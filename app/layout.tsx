import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ActorControl } from '../components/actor/actor-control';
import { SidebarNav } from '../components/layout/sidebar-nav';
import { LiveStatus } from '../components/live/live-status';
import { AppProviders } from '../components/providers/app-providers';
import { THEME_BOOT_SCRIPT } from '../components/theme/theme-boot-script';
import { ThemeToggle } from '../components/theme/theme-toggle';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Signalbox', template: '%s · Signalbox' },
  description: 'Data pipelines as state machines on PostgreSQL',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script that applies the stored theme before first paint */}
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
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
                <ActorControl />
                <ThemeToggle />
              </div>
            </aside>
            <main id="main" className="main">
              {children}
            </main>
          </div>
        </AppProviders>
      </body>
    </html>
  );
}

'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { useViewer } from '../auth/viewer-context';

const icon = (path: ReactNode) => (
  <svg
    className="nav-icon"
    viewBox="0 0 16 16"
    fill="none"
    stroke="currentColor"
    strokeWidth="1.5"
    aria-hidden="true"
  >
    {path}
  </svg>
);

const LINKS = [
  {
    href: '/',
    label: 'Overview',
    icon: icon(<path d="M2 9h3v5H2zM6.5 5h3v9h-3zM11 2h3v12h-3z" strokeLinejoin="round" />),
  },
  {
    href: '/pipelines',
    label: 'Pipelines',
    icon: icon(
      <>
        <circle cx="3.5" cy="4" r="1.8" />
        <circle cx="12.5" cy="4" r="1.8" />
        <circle cx="8" cy="12" r="1.8" />
        <path d="M5.3 4h5.4M11.6 5.6 8.9 10.4M4.4 5.6l2.7 4.8" />
      </>,
    ),
  },
  {
    href: '/runs',
    label: 'Runs',
    icon: icon(<path d="M2.5 4h11M2.5 8h11M2.5 12h7" strokeLinecap="round" />),
  },
  {
    href: '/problems',
    label: 'Problems',
    icon: icon(<path d="M8 2 14.5 13.5h-13zM8 6.5v3.5M8 11.8v.2" strokeLinejoin="round" />),
  },
] as const;

const ADMIN_LINKS = [
  {
    href: '/admin/users',
    label: 'Users',
    icon: icon(
      <>
        <circle cx="8" cy="5" r="2.5" />
        <path d="M3 14c0-2.8 2.2-4.5 5-4.5s5 1.7 5 4.5" />
      </>,
    ),
  },
  {
    href: '/admin/tokens',
    label: 'API tokens',
    icon: icon(
      <>
        <circle cx="5" cy="8" r="2.5" />
        <path d="M7.5 8H14M12 8v2.5" />
      </>,
    ),
  },
  {
    href: '/admin/webhooks',
    label: 'Alerts',
    icon: icon(<path d="M4 11V7a4 4 0 0 1 8 0v4l1.5 1.5h-11zM6.5 14h3" strokeLinejoin="round" />),
  },
  { href: '/admin/audit', label: 'Audit log', icon: icon(<path d="M4 2h8v12H4zM6 5h4M6 8h4M6 11h2" />) },
] as const;

/**
 * Overview, Pipelines, Runs (and Users, API tokens, Alerts, Audit log for admins); the current section is
 * marked for assistive technology too.
 */
export function SidebarNav() {
  const pathname = usePathname();
  const viewer = useViewer();
  const links = viewer.isAdmin ? [...LINKS, ...ADMIN_LINKS] : LINKS;
  return (
    <nav aria-label="Main">
      <ul className="nav-list">
        {links.map((link) => {
          const current = link.href === '/' ? pathname === '/' : pathname.startsWith(link.href);
          return (
            <li key={link.href}>
              <Link href={link.href} className="nav-link" aria-current={current ? 'page' : undefined}>
                {link.icon}
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

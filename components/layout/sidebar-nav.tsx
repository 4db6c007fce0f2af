'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

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
] as const;

/** Overview, Pipelines, Runs; the current section is marked for assistive technology too. */
export function SidebarNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      <ul className="nav-list">
        {LINKS.map((link) => {
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

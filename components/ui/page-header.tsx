import type { ReactNode } from 'react';

/** A page's h1, a line under it, and its actions on the right. */
export function PageHeader({
  title,
  subtitle,
  actions,
  breadcrumbs,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  breadcrumbs?: ReactNode;
}) {
  return (
    <header className="page-header">
      <div style={{ minWidth: 0 }}>
        {breadcrumbs && (
          <nav aria-label="Breadcrumb" className="breadcrumbs">
            {breadcrumbs}
          </nav>
        )}
        <h1>{title}</h1>
        {subtitle && <div className="subtitle">{subtitle}</div>}
      </div>
      {actions && <div className="actions">{actions}</div>}
    </header>
  );
}

'use client';

import { useDatabaseAvailable } from './live-updates';

/**
 * Shown while the console's server cannot reach PostgreSQL (a restart, a failover, an outage): what
 * is on screen may be out of date and actions fail until it is back. It goes away by itself; the
 * page then refreshes what it shows.
 */
export function DatabaseBanner() {
  const available = useDatabaseAvailable();
  if (available) return null;
  return (
    <div className="alert alert-warning database-banner" role="alert">
      <div>
        <strong>Database unavailable.</strong> Signalbox keeps retrying; what you see may be out of date, and
        actions will fail until the database is back. This page refreshes by itself then.
      </div>
    </div>
  );
}

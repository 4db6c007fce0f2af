'use client';

import { ErrorPanel } from '../components/ui/error-panel';

export default function OverviewError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel title="Overview" error={error} retry={retry} />;
}

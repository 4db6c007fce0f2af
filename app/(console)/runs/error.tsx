'use client';

import { ErrorPanel } from '../../../components/ui/error-panel';

export default function RunsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel title="Runs" error={error} retry={retry} />;
}

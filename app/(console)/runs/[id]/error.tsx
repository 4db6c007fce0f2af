'use client';

import { ErrorPanel } from '../../../../components/ui/error-panel';

export default function RunError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel title="Run" error={error} retry={retry} />;
}

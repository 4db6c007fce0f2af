'use client';

import { ErrorPanel } from '../../../components/ui/error-panel';

export default function PipelinesError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel title="Pipelines" error={error} retry={retry} />;
}

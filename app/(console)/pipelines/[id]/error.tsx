'use client';

import { ErrorPanel } from '../../../../components/ui/error-panel';

export default function PipelineError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel title="Pipeline" error={error} retry={retry} />;
}

import type { Metadata } from 'next';
import { PipelinesScreen } from '../../../components/pipelines/pipelines-screen';
import { listPipelineSummaries } from '../../../core/pipeline-views/list-pipeline-summaries';
import { requirePagePrincipal } from '../../_lib/auth/page-principal';
import { getEngine } from '../../_lib/engine';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Pipelines' };

export default async function PipelinesPage() {
  const principal = await requirePagePrincipal('runs:read', '/pipelines');
  return <PipelinesScreen initial={await listPipelineSummaries(getEngine(), principal)} />;
}

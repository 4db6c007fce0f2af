import type { Metadata } from 'next';
import { PipelineScreen } from '../../../../components/pipelines/pipeline-screen';
import { canonicalRunSearch } from '../../../../components/runs/run-search-params';
import { MAX_UPLOAD_BYTES } from '../../../../contracts/console-routes';
import { getPipelineView } from '../../../../core/pipeline-views/get-pipeline-view';
import { listRuns } from '../../../../core/runs/list-runs';
import { parseRunListQuery } from '../../../../core/runs/run-list-query';
import { requirePagePrincipal } from '../../../_lib/auth/page-principal';
import { getEngine } from '../../../_lib/engine';
import { orNotFound } from '../../../_lib/or-not-found';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: id };
}

export default async function PipelinePage({ params }: Props) {
  const { id } = await params;
  const principal = await requirePagePrincipal('runs:read', `/pipelines/${id}`);
  const engine = getEngine();
  const pipeline = await orNotFound(getPipelineView(engine, id, principal));
  const recentSearch = canonicalRunSearch({ pipeline: pipeline.id, limit: '10' });
  const recent = await listRuns(engine, principal, parseRunListQuery(new URLSearchParams(recentSearch)));
  // Pipelines that ingest files start from an upload, not from a form of their (file reference) input.
  const upload = engine.registry.latest(pipeline.id).accepts.files ? { maxBytes: MAX_UPLOAD_BYTES } : null;
  return <PipelineScreen pipeline={pipeline} recentSearch={recentSearch} recent={recent} upload={upload} />;
}

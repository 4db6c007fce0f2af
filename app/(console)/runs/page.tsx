import type { Metadata } from 'next';
import { canonicalRunSearch } from '../../../components/runs/run-search-params';
import { RunsScreen } from '../../../components/runs/runs-screen';
import { AppError } from '../../../core/errors';
import { countRunsByStatus } from '../../../core/runs/count-runs-by-status';
import { listRuns } from '../../../core/runs/list-runs';
import { parseRunListQuery } from '../../../core/runs/run-list-query';
import { requirePagePrincipal } from '../../_lib/auth/page-principal';
import { getEngine } from '../../_lib/engine';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Runs' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RunsPage({ searchParams }: Props) {
  const principal = await requirePagePrincipal('runs:read', '/runs');
  const engine = getEngine();
  const search = canonicalRunSearch(await searchParams);
  let page = null;
  let facets = null;
  try {
    const query = parseRunListQuery(new URLSearchParams(search));
    [page, facets] = await Promise.all([
      listRuns(engine, principal, query),
      countRunsByStatus(engine, query, principal),
    ]);
  } catch (error) {
    // Invalid filters in the URL: the screen asks the API and shows its field errors.
    if (!(error instanceof AppError && error.code === 'VALIDATION_FAILED')) throw error;
  }
  const pipelines = engine.registry.list().map((pipeline) => ({ id: pipeline.id, title: pipeline.title }));
  return (
    <RunsScreen initialSearch={search} initialPage={page} initialFacets={facets} pipelines={pipelines} />
  );
}

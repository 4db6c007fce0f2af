import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { queryKeys } from '../../../../components/api/query-keys';
import { QUARANTINE_PAGE_SIZE } from '../../../../components/ingest/ingest-refresh';
import { RunScreen } from '../../../../components/run/run-screen';
import { getRunPage } from '../../../../core/runs/get-run-page';
import { getIngestSummary } from '../../../../health/ingest/get-ingest-summary';
import { getQuarantinePage } from '../../../../health/ingest/get-quarantine-page';
import { requirePagePrincipal } from '../../../_lib/auth/page-principal';
import { getEngine } from '../../../_lib/engine';
import { orNotFound } from '../../../_lib/or-not-found';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Run ${id.slice(0, 8)}` };
}

/**
 * The run page, rendered with the same read the browser's query makes (`/api/runs/:id/page`): the
 * read is handed to react-query (hydration; newer than what the browser's cache holds, it replaces
 * it), so the first paint fetches nothing again. Live notices refresh it from there.
 */
export default async function RunPage({ params }: Props) {
  const { id } = await params;
  const principal = await requirePagePrincipal('runs:read', `/runs/${id}`);
  const engine = getEngine();
  const readAt = Date.now();
  const [page, summary] = await orNotFound(
    Promise.all([getRunPage(engine, id, principal), getIngestSummary(engine, id, principal)]),
  );
  // Runs with a file in their input are ingestion runs: they get the counts and the quarantine.
  const ingest = summary.file
    ? {
        summary,
        quarantine: await getQuarantinePage(
          engine,
          id,
          { page: 1, pageSize: QUARANTINE_PAGE_SIZE, values: false },
          principal,
        ),
      }
    : null;
  const client = new QueryClient();
  client.setQueryData(queryKeys.runPage(id), page, { updatedAt: readAt });
  return (
    <HydrationBoundary state={dehydrate(client)}>
      <RunScreen runId={page.run.id} ingest={ingest} />
    </HydrationBoundary>
  );
}

import type { Metadata } from 'next';
import { QUARANTINE_PAGE_SIZE } from '../../../../components/ingest/ingest-refresh';
import { RunScreen } from '../../../../components/run/run-screen';
import { getRunAttempts, getRunTransitions } from '../../../../core/runs/get-run-history';
import { getRunView } from '../../../../core/runs/get-run-view';
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

export default async function RunPage({ params }: Props) {
  const { id } = await params;
  const principal = await requirePagePrincipal('runs:read', `/runs/${id}`);
  const engine = getEngine();
  const [run, transitions, attempts, summary] = await orNotFound(
    Promise.all([
      getRunView(engine, id, principal),
      getRunTransitions(engine, id, principal),
      getRunAttempts(engine, id, principal),
      getIngestSummary(engine, id, principal),
    ]),
  );
  // Runs with a file in their input are ingestion runs: they get the counts and the quarantine.
  const ingest = summary.file
    ? {
        summary,
        quarantine: await getQuarantinePage(
          engine,
          id,
          {
            page: 1,
            pageSize: QUARANTINE_PAGE_SIZE,
            values: false,
          },
          principal,
        ),
      }
    : null;
  return <RunScreen run={run} transitions={transitions} attempts={attempts} ingest={ingest} />;
}

import type { Metadata } from 'next';
import { RunScreen } from '../../../components/run/run-screen';
import { getRunAttempts, getRunTransitions } from '../../../core/runs/get-run-history';
import { getRunView } from '../../../core/runs/get-run-view';
import { getEngine } from '../../_lib/engine';
import { orNotFound } from '../../_lib/or-not-found';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Run ${id.slice(0, 8)}` };
}

export default async function RunPage({ params }: Props) {
  const { id } = await params;
  const engine = getEngine();
  const [run, transitions, attempts] = await orNotFound(
    Promise.all([getRunView(engine, id), getRunTransitions(engine, id), getRunAttempts(engine, id)]),
  );
  return <RunScreen run={run} transitions={transitions} attempts={attempts} />;
}

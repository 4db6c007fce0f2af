import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ProblemScreen } from '../../../../components/problems/problem-screen';
import { getProblem } from '../../../../core/problems/get-problem';
import { requirePagePrincipal } from '../../../_lib/auth/page-principal';
import { getEngine } from '../../../_lib/engine';
import { orNotFound } from '../../../_lib/or-not-found';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Problem ${id}` };
}

export default async function ProblemPage({ params }: Props) {
  const { id } = await params;
  const principal = await requirePagePrincipal('runs:read', `/problems/${id}`);
  const problemId = Number(id);
  if (!Number.isSafeInteger(problemId) || problemId < 1) notFound();
  const problem = await orNotFound(getProblem(getEngine(), problemId, principal));
  return <ProblemScreen initial={problem} />;
}

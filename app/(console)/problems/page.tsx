import type { Metadata } from 'next';
import { ProblemsScreen } from '../../../components/problems/problems-screen';
import { ProblemListQuerySchema } from '../../../contracts/problems';
import { listProblems } from '../../../core/problems/list-problems';
import { requirePagePrincipal } from '../../_lib/auth/page-principal';
import { getEngine } from '../../_lib/engine';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Problems' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ProblemsPage({ searchParams }: Props) {
  const principal = await requirePagePrincipal('runs:read', '/problems');
  const params = await searchParams;
  const parsed = ProblemListQuerySchema.safeParse({
    status: typeof params.status === 'string' ? params.status : undefined,
    page: typeof params.page === 'string' ? params.page : undefined,
  });
  const query = parsed.success ? parsed.data : ProblemListQuerySchema.parse({});
  const initial = await listProblems(getEngine(), principal, query);
  return <ProblemsScreen status={query.status} page={query.page} initial={initial} />;
}

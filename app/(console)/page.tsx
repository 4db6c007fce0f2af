import { OverviewScreen } from '../../components/overview/overview-screen';
import { getOverview } from '../../core/overview/get-overview';
import { requirePagePrincipal } from '../_lib/auth/page-principal';
import { getEngine } from '../_lib/engine';

export const dynamic = 'force-dynamic';

export default async function OverviewPage() {
  const principal = await requirePagePrincipal('runs:read', '/');
  return <OverviewScreen initial={await getOverview(getEngine(), principal)} />;
}

import { OverviewScreen } from '../components/overview/overview-screen';
import { getOverview } from '../core/overview/get-overview';
import { getEngine } from './_lib/engine';

export const dynamic = 'force-dynamic';

export default async function OverviewPage() {
  return <OverviewScreen initial={await getOverview(getEngine())} />;
}

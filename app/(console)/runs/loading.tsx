import { PageSkeleton } from '../../../components/ui/skeleton';

export default function LoadingRuns() {
  return <PageSkeleton label="runs" rows={12} />;
}

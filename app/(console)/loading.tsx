import { PageSkeleton } from '../../components/ui/skeleton';

export default function LoadingOverview() {
  return <PageSkeleton label="overview" tiles={6} rows={6} />;
}

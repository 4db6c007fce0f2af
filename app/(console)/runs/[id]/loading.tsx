import { PageSkeleton } from '../../../../components/ui/skeleton';

export default function LoadingRun() {
  return <PageSkeleton label="run" rows={10} />;
}

import { PageSkeleton } from '../../../../components/ui/skeleton';

export default function LoadingPipeline() {
  return <PageSkeleton label="pipeline" rows={10} />;
}

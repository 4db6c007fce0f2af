import { PageSkeleton } from '../../../components/ui/skeleton';

export default function LoadingPipelines() {
  return <PageSkeleton label="pipelines" rows={4} />;
}

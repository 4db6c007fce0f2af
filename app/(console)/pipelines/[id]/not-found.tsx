import Link from 'next/link';

export default function PipelineNotFound() {
  return (
    <div className="stack">
      <h1>Pipeline not found</h1>
      <p className="muted">No pipeline with this id is registered in this console.</p>
      <div className="button-row">
        <Link className="btn btn-primary" href="/pipelines">
          See all pipelines
        </Link>
      </div>
    </div>
  );
}

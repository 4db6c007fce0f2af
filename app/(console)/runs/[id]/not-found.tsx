import Link from 'next/link';

export default function RunNotFound() {
  return (
    <div className="stack">
      <h1>Run not found</h1>
      <p className="muted">
        There is no run with this id. It may have been mistyped, or the link points at another installation.
      </p>
      <div className="button-row">
        <Link className="btn btn-primary" href="/runs">
          Search the runs
        </Link>
        <Link className="btn" href="/">
          Go to the overview
        </Link>
      </div>
    </div>
  );
}

import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="stack">
      <h1>Page not found</h1>
      <p className="muted">This address does not exist in the console.</p>
      <div className="button-row">
        <Link className="btn btn-primary" href="/">
          Go to the overview
        </Link>
        <Link className="btn" href="/runs">
          Runs
        </Link>
      </div>
    </div>
  );
}

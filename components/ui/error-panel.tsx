'use client';

import Link from 'next/link';

/** What error.tsx shows: what failed, what to try, and a way out. */
export function ErrorPanel({ title, error, retry }: { title: string; error: unknown; retry: () => void }) {
  const digest = (error as { digest?: string } | null)?.digest;
  // A server error reaches the browser with a digest and a production placeholder for a message.
  const message = digest
    ? 'The server could not load the data for this page.'
    : error instanceof Error
      ? error.message
      : 'Unexpected error';
  return (
    <div className="stack">
      <h1>{title}</h1>
      <div className="alert" role="alert">
        <div>
          <p>
            <strong>Something went wrong while loading this page.</strong>
          </p>
          <p>{message}</p>
          <p className="muted" style={{ marginTop: 4 }}>
            Check that the database and the console are running (<code>npm start</code>), then try again.
            {digest && (
              <>
                {' '}
                Reference: <code>{digest}</code>
              </>
            )}
          </p>
        </div>
      </div>
      <div className="button-row">
        <button type="button" className="btn btn-primary" onClick={() => retry()}>
          Try again
        </button>
        <Link className="btn" href="/">
          Go to the overview
        </Link>
      </div>
    </div>
  );
}

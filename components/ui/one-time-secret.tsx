'use client';

import type { ReactNode } from 'react';
import { toast } from 'sonner';

/** A secret shown once, right after it was created (a token, a signing secret): copy it, then done. */
export function OneTimeSecret({
  label,
  secret,
  testId,
  onDone,
  children,
}: {
  /** The notice's accessible name. */
  label: string;
  secret: string;
  testId: string;
  onDone: () => void;
  /** What the secret is, and that it will not be shown again. */
  children: ReactNode;
}) {
  return (
    <div className="alert alert-warning" role="status" aria-label={label}>
      <p>{children}</p>
      <div className="button-row">
        <code className="secret" data-testid={testId}>
          {secret}
        </code>
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            navigator.clipboard
              .writeText(secret)
              .then(() => toast.success('Copied'))
              .catch(() => toast.error('Copy failed: select the text instead'))
          }
        >
          Copy
        </button>
        <button type="button" className="btn btn-small" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

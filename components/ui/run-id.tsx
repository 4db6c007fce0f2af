'use client';

import Link from 'next/link';
import { toast } from 'sonner';

/** A run id shown short (8 characters) in monospace, the full id on hover and a copy button. */
export function RunId({ id, link = true }: { id: string; link?: boolean }) {
  const short = id.slice(0, 8);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(id);
      toast.success('Run id copied', { description: id, duration: 2_000 });
    } catch {
      toast.error('Could not copy: the browser refused clipboard access');
    }
  };
  return (
    <span className="run-id">
      {link ? (
        <Link href={`/runs/${id}`} title={id} aria-label={`Run ${short}`}>
          <code>{short}</code>
        </Link>
      ) : (
        <code title={id}>{short}</code>
      )}
      <button
        type="button"
        className="icon-button"
        onClick={copy}
        aria-label={`Copy run id ${short}`}
        title="Copy full id"
      >
        <svg
          width="12"
          height="12"
          viewBox="0 0 16 16"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          aria-hidden="true"
        >
          <rect x="5" y="5" width="9" height="9" rx="1.5" />
          <path d="M11 5V3.5A1.5 1.5 0 0 0 9.5 2h-6A1.5 1.5 0 0 0 2 3.5v6A1.5 1.5 0 0 0 3.5 11H5" />
        </svg>
      </button>
    </span>
  );
}

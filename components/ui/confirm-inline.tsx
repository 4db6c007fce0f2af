'use client';

/** The second click of a destructive action in a table row: confirm it, or keep what is there. */
export function ConfirmInline({
  label,
  pending,
  onConfirm,
  onKeep,
}: {
  /** The confirming button's text, e.g. "Confirm delete". */
  label: string;
  pending: boolean;
  onConfirm: () => void;
  onKeep: () => void;
}) {
  return (
    <span className="button-row">
      <button type="button" className="btn btn-small btn-danger" disabled={pending} onClick={onConfirm}>
        {label}
      </button>
      <button type="button" className="btn btn-small" onClick={onKeep}>
        Keep
      </button>
    </span>
  );
}

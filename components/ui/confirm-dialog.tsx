'use client';

import { type ReactNode, useEffect, useId, useRef } from 'react';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in a sentence or two. */
  children: ReactNode;
  confirmLabel: string;
  tone?: 'default' | 'danger';
  pending?: boolean;
  /** Shown above the fields, e.g. "this run changed while the dialog was open". */
  warning?: ReactNode;
  /** Fields besides the reason (e.g. an event payload). */
  extraFields?: ReactNode;
  /** Receives the form's data: `reason` and any extra fields. */
  onConfirm: (data: FormData) => void;
  onClose: () => void;
}

/**
 * A modal confirmation that asks why (the reason goes to the audit log). A native <dialog>: it traps
 * focus, makes the page behind it inert, and closes on Escape.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, pending = false, onClose } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const reasonId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onClose={onClose}
      onCancel={(event) => {
        if (pending) event.preventDefault();
      }}
    >
      {open && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            props.onConfirm(new FormData(event.currentTarget));
          }}
        >
          <div className="modal-header">
            <h2 id={titleId}>{props.title}</h2>
          </div>
          <div className="modal-body">
            <div id={descriptionId}>{props.children}</div>
            {props.warning}
            <div className="field">
              <label htmlFor={reasonId}>Reason</label>
              <textarea
                id={reasonId}
                name="reason"
                className="textarea"
                required
                maxLength={1000}
                rows={3}
                placeholder="Why? It is recorded in the audit log with your name."
                autoFocus
              />
            </div>
            {props.extraFields}
          </div>
          <div className="modal-footer">
            <button type="button" className="btn" onClick={onClose} disabled={pending}>
              Back
            </button>
            <button
              type="submit"
              className={props.tone === 'danger' ? 'btn btn-danger-solid' : 'btn btn-primary'}
              disabled={pending}
            >
              {pending ? 'Working…' : props.confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

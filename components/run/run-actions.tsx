'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { apiRoutes } from '../../contracts/api-routes';
import type { RunView } from '../../contracts/run-page';
import type { OperatorRequestBody } from '../../contracts/run-requests';
import type { RunSummary } from '../../contracts/runs';
import { callApi } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { queryKeys } from '../api/query-keys';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { conflictMessage } from './conflict-message';

type Action = { kind: 'retry' } | { kind: 'cancel' } | { kind: 'event'; type: string };

/** The open confirmation: which action, and the run as the operator saw it when they chose it. */
interface Confirming {
  action: Action;
  version: number;
  state: string;
}

/** Sends one action to its route, with the operator's reason, the version they saw and any payload. */
function send(
  runId: string,
  action: Action,
  request: OperatorRequestBody,
  payload?: Record<string, unknown>,
) {
  const params = { id: runId };
  switch (action.kind) {
    case 'retry':
      return callApi(apiRoutes.retryRun, { params, body: request });
    case 'cancel':
      return callApi(apiRoutes.cancelRun, { params, body: request });
    case 'event':
      return callApi(apiRoutes.sendRunEvent, { params, body: { ...request, type: action.type, payload } });
  }
}

function successText(action: Action, run: RunSummary): string {
  switch (action.kind) {
    case 'retry':
      return `Retry accepted: the run is back in ${run.state}`;
    case 'cancel':
      return `Run cancelled in ${run.state}`;
    case 'event':
      return `${action.type} sent: the run is now in ${run.state} (${run.status})`;
  }
}

function parsePayload(text: string): { payload?: Record<string, unknown>; error?: string } {
  if (!text.trim()) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value))
      return { payload: value as Record<string, unknown> };
  } catch {
    // fall through
  }
  return { error: 'The payload must be a JSON object, e.g. {"comment": "looks good"}' };
}

/**
 * Retry, Cancel run and one button per operator event of the pipeline, each enabled only when the run
 * allows it now, each confirmed with a reason. Every request carries the version the operator saw,
 * so acting on a run that changed meanwhile is refused (409) and explained instead of applied.
 */
export function RunActions({ run }: { run: RunView }) {
  const client = useQueryClient();
  const payloadId = useId();
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [payloadError, setPayloadError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  const act = useMutation({
    mutationFn: (variables: {
      action: Action;
      request: OperatorRequestBody;
      payload?: Record<string, unknown>;
    }) => send(run.id, variables.action, variables.request, variables.payload),
    onSuccess: (data, { action }) => {
      toast.success(successText(action, data.run));
      setRefusal(null);
      setConfirming(null);
    },
    onError: (error) => {
      const conflict = error instanceof ApiError && error.status === 409;
      const message = conflict ? conflictMessage(error.code, error.details, error.message) : error.message;
      toast.error(conflict ? 'Refused: the run changed' : 'The action failed', { description: message });
      setRefusal(message);
      setConfirming(null);
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.run(run.id) }),
  });

  const open = (action: Action) => {
    setPayloadError(null);
    setConfirming({ action, version: run.version, state: run.state });
  };
  const allowed = (action: Action) =>
    action.kind === 'event'
      ? run.allowedEvents.includes(action.type)
      : run.allowedActions.includes(action.kind);
  const notAllowedTitle = `Not allowed while the run is ${run.status} in ${run.state}`;

  const buttons: { action: Action; label: string; className: string }[] = [
    { action: { kind: 'retry' }, label: 'Retry', className: 'btn btn-primary' },
    { action: { kind: 'cancel' }, label: 'Cancel run', className: 'btn btn-danger' },
    ...run.pipelineEvents.map((type) => ({
      action: { kind: 'event', type } as Action,
      label: `Send ${type}`,
      className: 'btn',
    })),
  ];

  const action = confirming?.action;
  const changedMeanwhile = confirming && confirming.version !== run.version;

  return (
    <section aria-label="Actions" className="stack" style={{ gap: 8 }}>
      <div className="button-row">
        {buttons.map(({ action: a, label, className }) => (
          <button
            key={label}
            type="button"
            className={className}
            disabled={!allowed(a) || act.isPending}
            title={allowed(a) ? undefined : notAllowedTitle}
            onClick={() => open(a)}
          >
            {label}
          </button>
        ))}
        <span className="faint" style={{ fontSize: 12 }}>
          {run.allowedActions.length
            ? `Allowed now: ${run.allowedActions.join(', ')}`
            : 'No action is allowed now'}
        </span>
      </div>
      {refusal && (
        <div className="alert alert-warning" role="alert">
          <p>{refusal}</p>
          <button
            type="button"
            className="btn-link"
            onClick={() => setRefusal(null)}
            style={{ marginLeft: 'auto' }}
          >
            Dismiss
          </button>
        </div>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={
          action?.kind === 'retry'
            ? 'Retry this run?'
            : action?.kind === 'cancel'
              ? 'Cancel this run?'
              : `Send ${action?.type}?`
        }
        confirmLabel={
          action?.kind === 'retry'
            ? 'Confirm retry'
            : action?.kind === 'cancel'
              ? 'Confirm cancel'
              : `Confirm ${action?.type}`
        }
        tone={action?.kind === 'cancel' ? 'danger' : 'default'}
        pending={act.isPending}
        onClose={() => {
          if (!act.isPending) setConfirming(null);
        }}
        warning={
          changedMeanwhile ? (
            <p className="alert alert-warning" role="status">
              This run changed while this dialog was open: it is now in {run.state} ({run.status}). Confirming
              will be refused; go back and review.
            </p>
          ) : null
        }
        extraFields={
          action?.kind === 'event' ? (
            <div className="field">
              <label htmlFor={payloadId}>Payload (optional JSON object)</label>
              <textarea
                id={payloadId}
                name="payload"
                className="textarea mono"
                rows={3}
                placeholder='{"reviewer": "Dana", "comment": "checked the totals"}'
                aria-invalid={payloadError ? true : undefined}
                aria-describedby={payloadError ? `${payloadId}-error` : undefined}
              />
              {payloadError && (
                <p id={`${payloadId}-error`} className="field-error">
                  {payloadError}
                </p>
              )}
            </div>
          ) : null
        }
        onConfirm={(data) => {
          if (!confirming) return;
          const request = { reason: String(data.get('reason') ?? ''), expectedVersion: confirming.version };
          if (confirming.action.kind !== 'event') {
            act.mutate({ action: confirming.action, request });
            return;
          }
          const { payload, error } = parsePayload(String(data.get('payload') ?? ''));
          if (error) {
            setPayloadError(error);
            return;
          }
          act.mutate({ action: confirming.action, request, payload });
        }}
      >
        {action?.kind === 'retry' && (
          <p>
            The run goes back to{' '}
            <strong className="mono">{run.failedState ?? 'the state whose step failed'}</strong> and its step
            runs again with a fresh set of attempts.
          </p>
        )}
        {action?.kind === 'cancel' && (
          <p>
            The run stops for good in <strong className="mono">{confirming?.state}</strong>; a step that is
            running now is aborted. This cannot be undone.
          </p>
        )}
        {action?.kind === 'event' && (
          <p>
            Sends <strong className="mono">{action.type}</strong> to the run, which is in{' '}
            <strong className="mono">{confirming?.state}</strong>.
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}

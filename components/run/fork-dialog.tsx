'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { toast } from 'sonner';
import { apiRoutes } from '../../contracts/api-routes';
import type { RunView, TransitionEntry } from '../../contracts/run-page';
import { callApi } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { queryKeys } from '../api/query-keys';
import { sideBySide } from './line-diff';

/** A point as the select names it: `v:3` (a transition) or `s:checks.scanning` (a state). */
type PointKey = `v:${number}` | `s:${string}`;

const pointQuery = (key: PointKey) =>
  key.startsWith('v:') ? { version: Number(key.slice(2)) } : { state: key.slice(2) };

/** Keys sorted at every level: the same context reads the same whichever order its keys come in. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

const pretty = (value: unknown) => JSON.stringify(canonical(value), null, 2);

/** The point a fork starts from by default: a failed run's failed state, else its latest transition. */
function defaultPoint(run: RunView, transitions: readonly TransitionEntry[]): PointKey {
  if (run.status === 'failed' && run.failedState) return `s:${run.failedState.split(',')[0]}`;
  return `v:${transitions.at(-1)?.runVersion ?? run.version}`;
}

/** Parses the edited context: the value, or why it is not JSON. */
function parseContext(text: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` };
  }
}

/**
 * "Rerun from a point": pick a transition of the run or any state of its pipeline, see the context
 * the run had there, edit it, review the side-by-side diff, say why, and start a new run there. The
 * original run is not touched. Opens on the run page for operators.
 */
export function ForkDialog({
  run,
  transitions,
  open,
  initialPoint,
  onClose,
}: {
  run: RunView;
  transitions: readonly TransitionEntry[];
  open: boolean;
  initialPoint?: PointKey;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const client = useQueryClient();
  const ids = { title: useId(), point: useId(), context: useId(), reason: useId(), version: useId() };
  const [point, setPoint] = useState<PointKey>(initialPoint ?? defaultPoint(run, transitions));
  const [text, setText] = useState<string | null>(null);
  const [useCurrent, setUseCurrent] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  // Each opening starts from the point it was opened for (a timeline row), else the default one;
  // live changes of the run while the dialog is open leave the operator's choice alone.
  const fallback = defaultPoint(run, transitions);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open && !wasOpen.current) setPoint(initialPoint ?? fallback);
    wasOpen.current = open;
  }, [open, initialPoint, fallback]);

  const forkPoint = useQuery({
    queryKey: [...queryKeys.run(run.id), 'fork-point', point],
    queryFn: () => callApi(apiRoutes.getForkPoint, { params: { id: run.id }, query: pointQuery(point) }),
    enabled: open,
    staleTime: 60_000,
  });
  const original = forkPoint.data ? pretty(forkPoint.data.context) : null;
  // A new point resets the editor to the context the run had there.
  useEffect(() => {
    setText(original);
    setProblem(null);
  }, [original]);

  const parsed = text === null ? {} : parseContext(text);
  const edited = parsed.value !== undefined ? pretty(parsed.value) : null;
  const rows = useMemo(
    () => (original !== null && edited !== null ? sideBySide(original, edited) : []),
    [original, edited],
  );
  const changes = rows.filter((r) => r.kind !== 'same').length;
  const state = point.startsWith('s:') ? point.slice(2) : forkPoint.data?.state;
  const missingInCurrent =
    useCurrent && forkPoint.data && state !== undefined && !forkPoint.data.statesInCurrent.includes(state);

  const fork = useMutation({
    mutationFn: (reason: string) =>
      callApi(apiRoutes.forkRun, {
        params: { id: run.id },
        body: {
          at: pointQuery(point),
          context: changes > 0 ? parsed.value : undefined,
          pipelineVersion: useCurrent ? 'current' : 'original',
          reason,
        },
      }),
    onSuccess: ({ run: forked }) => {
      toast.success(`Forked: the new run starts in ${forked.state}`);
      void client.invalidateQueries({ queryKey: queryKeys.run(run.id) });
      onClose();
      router.push(`/runs/${forked.id}`);
    },
    onError: (error) => {
      const fields = error instanceof ApiError ? error.fields : [];
      setProblem(
        fields.length
          ? `${error.message}: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`
          : error.message,
      );
    },
  });

  const visitedStates = [...new Set(transitions.map((t) => t.toState))];
  const otherStates = (forkPoint.data?.states ?? []).filter((s) => !visitedStates.includes(s));

  return (
    <dialog
      ref={ref}
      className="modal modal-wide"
      aria-labelledby={ids.title}
      onClose={onClose}
      onCancel={(event) => {
        if (fork.isPending) event.preventDefault();
      }}
    >
      {open && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (parsed.error) return setProblem(parsed.error);
            const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
            fork.mutate(reason);
          }}
        >
          <div className="modal-header">
            <h2 id={ids.title}>Fork this run</h2>
          </div>
          <div className="modal-body">
            <p>
              Starts a <strong>new run</strong> of {run.pipelineId} from the chosen point, with the context
              below. This run is not changed.
            </p>
            <div className="field">
              <label htmlFor={ids.point}>Start from</label>
              <select
                id={ids.point}
                className="select"
                value={point}
                onChange={(event) => setPoint(event.target.value as PointKey)}
              >
                <optgroup label="Transitions of this run">
                  {transitions.map((t) => (
                    <option key={t.id} value={`v:${t.runVersion}`}>
                      v{t.runVersion} · {t.toState} (after {t.event})
                    </option>
                  ))}
                </optgroup>
                <optgroup label="States this run was in (the last time)">
                  {visitedStates.map((s) => (
                    <option key={s} value={`s:${s}`}>
                      {s}
                    </option>
                  ))}
                </optgroup>
                {otherStates.length > 0 && (
                  <optgroup label="Other states of the pipeline (latest context)">
                    {otherStates.map((s) => (
                      <option key={s} value={`s:${s}`}>
                        {s}
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
            </div>
            {forkPoint.data && forkPoint.data.currentPipelineVersion !== run.pipelineVersion && (
              <label className="checkbox" htmlFor={ids.version}>
                <input
                  id={ids.version}
                  type="checkbox"
                  checked={useCurrent}
                  onChange={(event) => setUseCurrent(event.target.checked)}
                />{' '}
                Run on the current pipeline version (v{forkPoint.data.currentPipelineVersion}) instead of v
                {run.pipelineVersion}
              </label>
            )}
            {missingInCurrent && (
              <p className="alert alert-warning" role="status">
                State {state} does not exist in v{forkPoint.data?.currentPipelineVersion}: the fork will be
                refused.
              </p>
            )}
            {forkPoint.isPending && <p className="muted">Loading the context…</p>}
            {forkPoint.error && (
              <p className="alert" role="alert">
                {forkPoint.error.message}
              </p>
            )}
            {forkPoint.data && text !== null && (
              <>
                <p className="faint" style={{ fontSize: 12 }}>
                  At version {forkPoint.data.version}, state{' '}
                  <span className="state">{forkPoint.data.state}</span>
                  {forkPoint.data.visited ? '' : ' (never entered by this run: its latest context)'}
                  {forkPoint.data.contextSchema
                    ? ' · the pipeline checks the context against its schema'
                    : ''}
                </p>
                <div className="field">
                  <label htmlFor={ids.context}>Context (JSON)</label>
                  <textarea
                    id={ids.context}
                    className="textarea mono"
                    rows={8}
                    spellCheck={false}
                    value={text}
                    onChange={(event) => setText(event.target.value)}
                    aria-invalid={parsed.error ? true : undefined}
                  />
                  {parsed.error && <p className="field-error">{parsed.error}</p>}
                </div>
                <section aria-label="Changes to the context">
                  <p className="muted" style={{ fontSize: 12, marginBottom: 4 }}>
                    {changes === 0
                      ? 'No changes: the fork starts with the context the run had there.'
                      : `${changes} changed line${changes === 1 ? '' : 's'}`}
                  </p>
                  {changes > 0 && (
                    <div className="diff">
                      <table className="diff-table" aria-label="Context diff: original and edited">
                        <thead>
                          <tr>
                            <th scope="col" className="diff-cell diff-head">
                              Original
                            </th>
                            <th scope="col" className="diff-cell diff-head">
                              Edited
                            </th>
                          </tr>
                        </thead>
                        <tbody>
                          {rows.map((r, i) => (
                            // biome-ignore lint/suspicious/noArrayIndexKey: diff rows are positional
                            <tr key={i} className={`diff-${r.kind}`}>
                              <td className="diff-cell">{r.left ?? ''}</td>
                              <td className="diff-cell">{r.right ?? ''}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  )}
                </section>
              </>
            )}
            <div className="field">
              <label htmlFor={ids.reason}>Reason</label>
              <textarea
                id={ids.reason}
                name="reason"
                className="textarea"
                required
                maxLength={1000}
                rows={2}
                placeholder="Why? It is recorded in the audit log with your name."
              />
            </div>
            {problem && (
              <p className="alert" role="alert">
                {problem}
              </p>
            )}
          </div>
          <div className="modal-footer">
            <button type="button" className="btn" onClick={onClose} disabled={fork.isPending}>
              Back
            </button>
            <button
              type="submit"
              className="btn btn-primary"
              disabled={fork.isPending || !forkPoint.data || Boolean(parsed.error)}
            >
              {fork.isPending ? 'Starting…' : 'Start the fork'}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

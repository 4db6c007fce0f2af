'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { apiRoutes } from '../../contracts/api-routes';
import type { RunTimer, RunView } from '../../contracts/run-page';
import { callApi } from '../api/api-client';
import { queryKeys } from '../api/query-keys';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { formatDuration } from '../ui/format-duration';
import { EXACT_TIME } from '../ui/relative-time';
import { useNow } from '../ui/use-now';

const POSTPONE_CHOICES = [
  { label: '15 minutes', ms: 15 * 60_000 },
  { label: '1 hour', ms: 3_600_000 },
  { label: '1 day', ms: 86_400_000 },
  { label: '1 week', ms: 7 * 86_400_000 },
];

/** `after 48h`, `after approvalTimeout (2h)`: the delay as written, and what it is for this run. */
function delayText(timer: RunTimer): string {
  const resolved = formatDuration(timer.delayMs);
  return /^\d+$/.test(timer.delay) || timer.delay === resolved
    ? `after ${resolved}`
    : `after ${timer.delay} (${resolved})`;
}

/**
 * The run's pending delayed transitions: where each leads, "expires in …" with the exact time, and
 * for operators Fire now and Postpone, each confirmed with a reason (audited).
 */
export function RunTimers({ run, canWrite }: { run: RunView; canWrite: boolean }) {
  const now = useNow();
  const client = useQueryClient();
  const postponeId = useId();
  const [confirming, setConfirming] = useState<{ kind: 'fire' | 'postpone'; timer: RunTimer } | null>(null);
  const act = useMutation({
    mutationFn: (v: { kind: 'fire' | 'postpone'; timer: RunTimer; reason: string; byMs: number }) =>
      v.kind === 'fire'
        ? callApi(apiRoutes.fireTimer, {
            params: { id: run.id },
            body: { event: v.timer.event, reason: v.reason, expectedVersion: run.version },
          })
        : callApi(apiRoutes.postponeTimer, {
            params: { id: run.id },
            body: { event: v.timer.event, reason: v.reason, byMs: v.byMs, expectedVersion: run.version },
          }),
    onSuccess: ({ run: changed }, v) => {
      toast.success(
        v.kind === 'fire' ? `Timer fired: the run is now in ${changed.state}` : 'Timer postponed',
      );
      setConfirming(null);
    },
    onError: (error) => {
      toast.error('The timer action failed', { description: error.message });
      setConfirming(null);
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.run(run.id) }),
  });
  if (run.timers.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="run-timers">
      <div className="panel-header">
        <h2 id="run-timers">Timers</h2>
        <span className="meta">durable: they survive worker restarts</span>
      </div>
      <div className="panel-body">
        <ul className="timer-list">
          {run.timers.map((timer) => {
            const due = Date.parse(timer.dueAt);
            const left = due - now;
            return (
              <li key={timer.event} aria-label={`Timer ${delayText(timer)}`}>
                <span>
                  <span className="state">{timer.state || 'the run'}</span>{' '}
                  <span className="muted">{delayText(timer)}</span>
                  {timer.target && (
                    <>
                      <span className="faint"> → </span>
                      <span className="state">{timer.target}</span>
                    </>
                  )}
                </span>
                <strong>{left > 0 ? `expires in ${formatDuration(left)}` : 'due now'}</strong>
                <time dateTime={timer.dueAt} className="faint" suppressHydrationWarning>
                  {EXACT_TIME.format(due)}
                </time>
                {canWrite && (
                  <span className="button-row" style={{ marginLeft: 'auto' }}>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={act.isPending}
                      onClick={() => setConfirming({ kind: 'fire', timer })}
                    >
                      Fire now
                    </button>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={act.isPending}
                      onClick={() => setConfirming({ kind: 'postpone', timer })}
                    >
                      Postpone…
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </div>
      <ConfirmDialog
        open={confirming !== null}
        title={confirming?.kind === 'fire' ? 'Fire this timer now?' : 'Postpone this timer?'}
        confirmLabel={confirming?.kind === 'fire' ? 'Fire now' : 'Postpone'}
        pending={act.isPending}
        onClose={() => {
          if (!act.isPending) setConfirming(null);
        }}
        extraFields={
          confirming?.kind === 'postpone' ? (
            <div className="field">
              <label htmlFor={postponeId}>Postpone by</label>
              <select id={postponeId} name="byMs" className="select" defaultValue={String(3_600_000)}>
                {POSTPONE_CHOICES.map((c) => (
                  <option key={c.ms} value={c.ms}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
          ) : null
        }
        onConfirm={(data) => {
          if (!confirming) return;
          act.mutate({
            ...confirming,
            reason: String(data.get('reason') ?? ''),
            byMs: Number(data.get('byMs') ?? 0),
          });
        }}
      >
        {confirming && (
          <p>
            {confirming.kind === 'fire' ? (
              <>
                The run takes its delayed transition now
                {confirming.timer.target ? (
                  <>
                    {' '}
                    to <strong className="mono">{confirming.timer.target}</strong>
                  </>
                ) : null}
                , instead of at {EXACT_TIME.format(Date.parse(confirming.timer.dueAt))}.
              </>
            ) : (
              <>The timer, due {EXACT_TIME.format(Date.parse(confirming.timer.dueAt))}, fires later.</>
            )}
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}

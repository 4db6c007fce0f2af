'use client';

import type { AttemptEntry } from '../../contracts/run-page';
import { formatDuration } from '../ui/format-duration';
import { RelativeTime } from '../ui/relative-time';
import { OutcomeBadge } from '../ui/status-badge';

const FAILED = new Set(['failed', 'timed_out']);

function logTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleTimeString(undefined, { hour12: false }) +
        `.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/** Each step attempt with its outcome, error, stack trace and the log lines the step wrote. */
export function StepAttempts({ attempts }: { attempts: readonly AttemptEntry[] }) {
  if (attempts.length === 0) {
    return <p className="empty">No step has run yet.</p>;
  }
  return (
    <ol className="attempts">
      {attempts.map((attempt) => {
        const failed = FAILED.has(attempt.outcome);
        const duration = attempt.endedAt ? Date.parse(attempt.endedAt) - Date.parse(attempt.startedAt) : null;
        return (
          <li key={attempt.id} className="attempt">
            <div className="attempt-head">
              <h3>
                <span className="state">{attempt.state}</span>
                <span className="faint"> · </span>
                {attempt.step} #{attempt.attempt}
              </h3>
              <OutcomeBadge outcome={attempt.outcome} />
            </div>
            <div className="attempt-meta">
              <span>
                started <RelativeTime iso={attempt.startedAt} />
              </span>
              <span>{duration === null ? 'still running' : `took ${formatDuration(duration)}`}</span>
              {attempt.workerId && (
                <span className="truncate" title={attempt.workerId} style={{ maxWidth: 220 }}>
                  worker <code>{attempt.workerId}</code>
                </span>
              )}
              <span className="truncate" title={attempt.idempotencyKey} style={{ maxWidth: 260 }}>
                key <code>{attempt.idempotencyKey.split(':').slice(1).join(':')}</code>
              </span>
            </div>
            {attempt.error && (
              <p className="attempt-error">
                {attempt.error.name ?? 'Error'}:{' '}
                {attempt.payloadHidden
                  ? '(message hidden for your role)'
                  : (attempt.error.message ?? '(no message)')}
              </p>
            )}
            {attempt.error?.stack && (
              <details>
                <summary>Stack trace</summary>
                <pre className="code">{attempt.error.stack}</pre>
              </details>
            )}
            {attempt.payloadHidden && <p className="faint">Logs hidden for your role.</p>}
            {attempt.logs.length > 0 && (
              <details open={failed}>
                <summary>
                  Logs ({attempt.logs.length} {attempt.logs.length === 1 ? 'line' : 'lines'})
                </summary>
                <ol className="log">
                  {attempt.logs.map((line, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: log lines are append-only and never reordered
                    <li key={index} className={`level-${line.level}`}>
                      <span className="faint">{logTime(line.at)}</span>
                      <span>{line.level}</span>
                      <span>{line.msg}</span>
                    </li>
                  ))}
                </ol>
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}

'use client';

import type { TransitionEntry } from '../../contracts/run-page';
import { formatDuration } from '../ui/format-duration';
import { RelativeTime } from '../ui/relative-time';

const ENGINE_ACTORS = new Set(['worker', 'scheduler']);

/** `xstate.after.<delay>.<state id>` (a timer) reads `after <delay>`; other events as they are. */
function eventText(event: string): string {
  const timer = /^xstate\.after\.([^.]+)\./.exec(event);
  return timer ? `after ${timer[1]}` : event;
}

/** Every transition of the run, oldest first: what happened, who did it, when, and how long it took. */
export function TransitionTimeline({
  transitions,
  onFork,
}: {
  transitions: readonly TransitionEntry[];
  /** When given (operators), each row offers to fork the run from the state after it. */
  onFork?: (version: number) => void;
}) {
  if (transitions.length === 0) return <p className="empty">No transitions recorded.</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Transitions, oldest first</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              v
            </th>
            <th scope="col">Event</th>
            <th scope="col">From → to</th>
            <th scope="col">Actor</th>
            <th scope="col">When</th>
            <th scope="col" className="num">
              Time in from
            </th>
            {onFork && (
              <th scope="col">
                <span className="visually-hidden">Fork</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {transitions.map((t) => (
            <tr key={t.id}>
              <td className="num faint">{t.runVersion}</td>
              <td>
                <code title={t.event}>{eventText(t.event)}</code>
              </td>
              <td>
                <span className="state">{t.fromState ?? '∅'}</span>
                <span className="faint"> → </span>
                <span className="state">{t.toState}</span>
              </td>
              <td
                className={ENGINE_ACTORS.has(t.actor) ? 'muted truncate' : 'truncate'}
                style={{ maxWidth: 160 }}
                title={t.actor}
              >
                {t.actor}
              </td>
              <td>
                <RelativeTime iso={t.at} />
              </td>
              <td className="num nowrap">
                {t.durationMs === null ? <span className="faint">—</span> : formatDuration(t.durationMs)}
              </td>
              {onFork && (
                <td>
                  <button
                    type="button"
                    className="btn-link nowrap"
                    aria-label={`Fork from version ${t.runVersion} (${t.toState})`}
                    onClick={() => onFork(t.runVersion)}
                  >
                    Fork from here
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

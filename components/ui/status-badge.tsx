import type { AttemptOutcome, RunStatus } from '../../contracts/run-page';

type Tone = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';

const OUTCOME_TONE: Record<AttemptOutcome, Tone> = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  timed_out: 'failed',
  aborted: 'cancelled',
  interrupted: 'waiting',
  superseded: 'cancelled',
};

/** A run status as coloured text (the word is always there: colour is never the only signal). */
export function StatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className="badge" data-tone={status}>
      <span className="badge-dot" aria-hidden="true" />
      {status}
    </span>
  );
}

/** A step attempt's outcome, coloured like the run statuses it resembles. */
export function OutcomeBadge({ outcome }: { outcome: AttemptOutcome }) {
  return (
    <span className="badge" data-tone={OUTCOME_TONE[outcome]}>
      <span className="badge-dot" aria-hidden="true" />
      {outcome.replace('_', ' ')}
    </span>
  );
}

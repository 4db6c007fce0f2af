import type { ProblemStatus } from '../../contracts/problems';

/** A problem's triage status as a badge (reopened ones say so). */
export function ProblemStatusBadge({ status, reopened }: { status: ProblemStatus; reopened?: boolean }) {
  return (
    <span className="badge problem-status" data-status={status}>
      <span className="badge-dot" aria-hidden="true" />
      {reopened && status === 'new' ? 'reopened' : status}
    </span>
  );
}

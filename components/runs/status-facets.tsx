'use client';

import type { RunStatus } from '../../contracts/run-page';
import { RUN_STATUS_ORDER } from '../ui/run-statuses';

/**
 * The status filter as toggles, each with how many runs match the other filters: several can be on
 * at once; none on means every status.
 */
export function StatusFacets({
  selected,
  counts,
  onToggle,
}: {
  selected: readonly RunStatus[];
  counts: Record<RunStatus, number> | undefined;
  onToggle: (status: RunStatus) => void;
}) {
  return (
    <fieldset className="facets">
      <legend className="visually-hidden">Status</legend>
      <span className="sidebar-label" aria-hidden="true">
        Status
      </span>
      {RUN_STATUS_ORDER.map((status) => (
        <button
          key={status}
          type="button"
          className="facet"
          aria-pressed={selected.includes(status)}
          onClick={() => onToggle(status)}
        >
          <span className="badge-dot" style={{ background: `var(--${status}-dot)` }} aria-hidden="true" />
          {status}
          <span className="count">{counts ? counts[status] : '…'}</span>
        </button>
      ))}
    </fieldset>
  );
}

'use client';

import type { RunStatus } from '../../contracts/run-page';
import { cappedCountTitle, formatCount } from '../ui/format-count';
import { RUN_STATUS_ORDER } from '../ui/run-statuses';

/**
 * The status filter as toggles, each with how many runs match the other filters: several can be on
 * at once; none on means every status.
 */
export function StatusFacets({
  selected,
  counts,
  capped = [],
  onToggle,
}: {
  selected: readonly RunStatus[];
  counts: Record<RunStatus, number> | undefined;
  /** Statuses whose count stopped at the cap (shown as `10,000+`). */
  capped?: readonly RunStatus[];
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
          <span
            className="count"
            title={capped.includes(status) && counts ? cappedCountTitle(counts[status]) : undefined}
          >
            {counts ? formatCount(counts[status], capped.includes(status)) : '…'}
          </span>
        </button>
      ))}
    </fieldset>
  );
}

import type { RunStatusCounts } from '../../contracts/runs';
import { RUN_STATUS_ORDER } from '../ui/run-statuses';

/** Runs per status as one thin stacked bar; the numbers are in its label and next to it. */
export function StatusBar({ counts }: { counts: RunStatusCounts }) {
  const total = RUN_STATUS_ORDER.reduce((sum, status) => sum + counts[status], 0);
  const label = RUN_STATUS_ORDER.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
  return (
    <div className="bar" role="img" aria-label={total ? label : 'no runs'} title={total ? label : 'no runs'}>
      {total > 0 &&
        RUN_STATUS_ORDER.filter((s) => counts[s] > 0).map((status) => (
          <span key={status} data-tone={status} style={{ width: `${(counts[status] / total) * 100}%` }} />
        ))}
    </div>
  );
}

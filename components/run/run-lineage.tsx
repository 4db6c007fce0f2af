'use client';

import Link from 'next/link';
import type { RunView } from '../../contracts/run-page';
import { RelativeTime } from '../ui/relative-time';
import { StatusBadge } from '../ui/status-badge';

const short = (id: string) => id.slice(0, 8);

/** Where a forked run came from, and the runs forked from this one: each links the other. */
export function RunLineage({ run }: { run: RunView }) {
  if (!run.forkedFrom && run.forks.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="run-lineage">
      <div className="panel-header">
        <h2 id="run-lineage">Forks</h2>
        <span className="meta">
          {run.forks.length ? `${run.forks.length} forked from this run` : 'a fork'}
        </span>
      </div>
      <div className="panel-body stack" style={{ gap: 8 }}>
        {run.forkedFrom && (
          <p className="lineage">
            <span>
              Forked from run{' '}
              <Link href={`/runs/${run.forkedFrom.runId}`} className="mono">
                {short(run.forkedFrom.runId)}
              </Link>{' '}
              at version {run.forkedFrom.version}: began in{' '}
              <span className="state">{run.forkedFrom.state}</span>
            </span>
          </p>
        )}
        {run.forks.length > 0 && (
          <ul className="timer-list" aria-label="Runs forked from this one">
            {run.forks.map((fork) => (
              <li key={fork.id}>
                <Link href={`/runs/${fork.id}`} className="mono">
                  {short(fork.id)}
                </Link>
                <StatusBadge status={fork.status} />
                <span className="muted">
                  from version {fork.version}, began in <span className="state">{fork.state}</span>
                </span>
                <RelativeTime iso={fork.createdAt} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

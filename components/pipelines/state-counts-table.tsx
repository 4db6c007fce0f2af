import Link from 'next/link';
import type { StateStatusCount } from '../../core/pipeline-views/state-counts';
import { RUN_STATUS_ORDER } from '../ui/run-statuses';

/** Runs per current state and status, each number a link to exactly those runs. */
export function StateCountsTable({
  pipelineId,
  rows,
}: {
  pipelineId: string;
  rows: readonly StateStatusCount[];
}) {
  if (rows.length === 0) return <p className="empty">No runs yet.</p>;
  const states = [...new Set(rows.map((row) => row.state))];
  const count = (state: string, status: string) =>
    rows.find((row) => row.state === state && row.status === status)?.count ?? 0;
  const href = (state: string, status: string) =>
    `/runs?${new URLSearchParams({ pipeline: pipelineId, state, status }).toString()}`;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Runs per state and status</caption>
        <thead>
          <tr>
            <th scope="col">State</th>
            {RUN_STATUS_ORDER.map((status) => (
              <th scope="col" className="num" key={status}>
                {status}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {states.map((state) => (
            <tr key={state}>
              <th scope="row" style={{ background: 'transparent', fontWeight: 500 }}>
                <span className="state">{state}</span>
              </th>
              {RUN_STATUS_ORDER.map((status) => {
                const n = count(state, status);
                return (
                  <td className="num" key={status}>
                    {n ? (
                      <Link
                        href={href(state, status)}
                        className={status === 'failed' ? 'error-text' : undefined}
                      >
                        {n}
                      </Link>
                    ) : (
                      <span className="faint">·</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

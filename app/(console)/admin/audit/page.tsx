import type { Metadata } from 'next';
import Link from 'next/link';
import { routeHref } from '../../../../components/api/api-client';
import { PageHeader } from '../../../../components/ui/page-header';
import { RelativeTime } from '../../../../components/ui/relative-time';
import { AuditQuerySchema } from '../../../../contracts/admin';
import { apiRoutes } from '../../../../contracts/api-routes';
import { listAudit } from '../../../../core/audit/list-audit';
import { AppError } from '../../../../core/errors';
import { parseInput } from '../../../../core/parse-input';
import { flattenParams } from '../../../../core/runs/run-filter';
import { getAuthServices } from '../../../_lib/auth/auth-services';
import { requirePagePrincipal } from '../../../_lib/auth/page-principal';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit log' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const FILTERS = ['actor', 'action', 'outcome', 'target', 'after', 'before'] as const;

/** The audit trail, newest first: filters in the URL, keyset "Older" paging, CSV export of the same. */
export default async function AuditPage({ searchParams }: Props) {
  const principal = await requirePagePrincipal('admin', '/admin/audit');
  const raw = flattenParams(await searchParams) as Record<string, string>;
  const filters = Object.fromEntries(FILTERS.filter((k) => raw[k]).map((k) => [k, raw[k]!]));
  let result: Awaited<ReturnType<typeof listAudit>> | null = null;
  let problem: string | null = null;
  try {
    const query = parseInput(
      AuditQuerySchema,
      { ...filters, cursor: raw.cursor, limit: 100 },
      'audit filter',
    );
    result = await listAudit(getAuthServices().engine, principal, query);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'VALIDATION_FAILED')) throw error;
    problem = error.message;
  }
  const filterSearch = new URLSearchParams(filters).toString();
  const older = result?.nextCursor
    ? `/admin/audit?${new URLSearchParams({ ...filters, cursor: String(result.nextCursor) })}`
    : null;
  return (
    <div className="stack">
      <PageHeader
        title="Audit log"
        subtitle="Every sign-in, run action, token and user change; append-only"
        actions={
          <a
            className="btn"
            href={routeHref(apiRoutes.exportAudit, { query: new URLSearchParams(filterSearch) })}
            download
          >
            Export CSV
          </a>
        }
      />
      <section className="panel" aria-label="Audit filters">
        <form className="panel-body button-row" method="get" action="/admin/audit">
          <label className="field-inline">
            Actor
            <input
              name="actor"
              className="input"
              defaultValue={filters.actor}
              placeholder="email or token:name"
            />
          </label>
          <label className="field-inline">
            Action
            <input
              name="action"
              className="input"
              defaultValue={filters.action}
              placeholder="e.g. run.retry"
            />
          </label>
          <label className="field-inline">
            Outcome
            <select name="outcome" className="input" defaultValue={filters.outcome ?? ''}>
              <option value="">any</option>
              <option value="accepted">accepted</option>
              <option value="refused">refused</option>
            </select>
          </label>
          <label className="field-inline">
            Target
            <input name="target" className="input" defaultValue={filters.target} />
          </label>
          <label className="field-inline">
            From
            <input name="after" type="date" className="input" defaultValue={filters.after} />
          </label>
          <label className="field-inline">
            To
            <input name="before" type="date" className="input" defaultValue={filters.before} />
          </label>
          <button type="submit" className="btn btn-primary">
            Filter
          </button>
          <Link href="/admin/audit" className="btn">
            Clear
          </Link>
        </form>
      </section>
      {problem && (
        <p className="alert" role="alert">
          {problem}
        </p>
      )}
      <section className="panel" aria-label="Audit events">
        {result && result.events.length === 0 ? (
          <p className="panel-body muted">No audit events match these filters.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Actor</th>
                  <th>Role</th>
                  <th>Action</th>
                  <th>Target</th>
                  <th>Outcome</th>
                  <th>Reason</th>
                  <th>IP</th>
                </tr>
              </thead>
              <tbody>
                {result?.events.map((event) => (
                  <tr key={event.id}>
                    <td>
                      <RelativeTime iso={new Date(event.at).toISOString()} />
                    </td>
                    <td>{event.actor}</td>
                    <td>{event.actorRole ?? <span className="faint">system</span>}</td>
                    <td>
                      <code>{event.action}</code>
                    </td>
                    <td className="truncate">{event.target ?? ''}</td>
                    <td>{event.outcome}</td>
                    <td className="truncate">{event.reason ?? ''}</td>
                    <td>{event.ip ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {older && (
          <div className="panel-footer">
            <Link href={older} className="btn btn-small">
              Older
            </Link>
          </div>
        )}
      </section>
    </div>
  );
}

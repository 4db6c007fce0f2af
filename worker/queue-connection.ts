/**
 * The connection string graphile-worker's own pool uses: its commits (fetching, completing and
 * failing jobs) do not wait for their WAL flush (`synchronous_commit=off`). Safe because the
 * engine's correctness never rests on them: should PostgreSQL crash before a flush, a job is locked
 * or completed again, and a step job whose step is no longer current does nothing. Without it every
 * step would wait for two more flushes than its transition needs. The engine's own pool (runs,
 * transitions, the jobs a transition adds) keeps PostgreSQL's setting.
 */
export function queueConnectionString(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const options = url.searchParams.get('options');
  url.searchParams.set('options', `${options ? `${options} ` : ''}-c synchronous_commit=off`);
  return url.toString();
}

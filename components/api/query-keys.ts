/**
 * Every react-query key of the console in one place, so that live updates invalidate exactly what a
 * run change affects: the run, the lists, its pipeline, the overview.
 */
export const queryKeys = {
  overview: ['overview'] as const,
  pipelines: ['pipelines'] as const,
  pipeline: (id: string) => ['pipeline', id] as const,
  /** Paused pipelines: under `pipelines`, so run changes refresh their queued counts. */
  pipelinePauses: ['pipelines', 'pauses'] as const,
  problems: ['problems'] as const,
  problemList: (search: string) => ['problems', 'list', search] as const,
  problem: (id: number) => ['problems', 'one', id] as const,
  runs: ['runs'] as const,
  /** A webhook's delivery log (admin). */
  webhookDeliveries: (id: number) => ['webhooks', id, 'deliveries'] as const,
  runList: (search: string) => ['runs', 'list', search] as const,
  runStatusCounts: (search: string) => ['runs', 'status-counts', search] as const,
  /** Everything about one run: invalidating it refreshes the run page and its ingestion panels. */
  run: (id: string) => ['run', id] as const,
  /** The run page's one query: the run, its transitions and its step attempts. */
  runPage: (id: string) => ['run', id, 'page'] as const,
  runIngest: (id: string) => ['run', id, 'ingest'] as const,
  runQuarantine: (id: string, page: number, values: boolean) =>
    ['run', id, 'quarantine', page, values] as const,
};

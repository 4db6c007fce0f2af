import { join } from 'node:path';
import { z } from 'zod';
import { loadEnv } from '../../config/env';
import type { Engine } from '../../core/engine';
import { silentLogger } from '../../core/logger';
import { definePipeline } from '../../core/pipeline/define-pipeline';
import { PipelineRegistry } from '../../core/pipeline/pipeline-registry';
import type { Executor } from '../../db/client';
import { hasInboxFiles, type InboxRoute, pollInbox } from '../../health/ingest/poll-inbox';
import { fhirBundle } from '../fhir-bundle/fhir-bundle.pipeline';
import { labResultsCsv } from '../lab-results-csv/lab-results-csv.pipeline';
import { ingestInboxMachine } from './ingest-inbox.machine';

/** `<inbox>/lab-results/*.csv` → lab-results-csv, `<inbox>/fhir-bundle/*.json` → fhir-bundle. */
export const INBOX_ROUTES: readonly InboxRoute[] = [
  { folder: 'lab-results', pipelineId: 'lab-results-csv', extensions: ['.csv'] },
  { folder: 'fhir-bundle', pipelineId: 'fhir-bundle', extensions: ['.json'] },
];

/** The default inbox: `$SIGNALBOX_HOME/inbox` (read when a tick fires, in the worker, not at import). */
export const defaultInboxDir = () => join(loadEnv().SIGNALBOX_HOME, 'inbox');

export const IngestInboxInputSchema = z.object({
  inboxDir: z.string().trim().min(1, 'inboxDir is required').max(4096),
  minAgeMs: z.number().int().min(0).max(3_600_000).default(2_000),
});

const ingestion = new PipelineRegistry([labResultsCsv, fhirBundle]);

/**
 * What the poll step starts runs through: the step's database handle with the two ingestion
 * pipelines. A step is given no engine, so this is the one place an engine is put together outside
 * the engine's own assembly; replace it here when steps get a capability to start runs.
 */
const ingestionEngine = (db: Executor): Engine => ({ db, registry: ingestion, logger: silentLogger });

export const ingestInbox = definePipeline({
  id: 'ingest-inbox',
  version: 1,
  title: 'Ingestion inbox',
  description:
    'Polls the inbox folders every minute (a run only when files are waiting) and starts a lab-results-csv or fhir-bundle run per new file ' +
    '(keyed by content hash, so a file is never ingested twice by the inbox); processed files move to processed/.',
  input: IngestInboxInputSchema,
  machine: ingestInboxMachine,
  steps: {
    poll: {
      maxAttempts: 2,
      async run({ db, input, log }) {
        const result = await pollInbox(ingestionEngine(db), {
          inboxDir: input.inboxDir,
          routes: INBOX_ROUTES,
          minAgeMs: input.minAgeMs,
          log: (line) => log.info(line),
        });
        log.info(
          `${result.started} started, ${result.known} already ingested, ${result.left} left for later`,
        );
        return result;
      },
    },
  },
  schedules: [
    {
      name: 'every-minute',
      cron: '* * * * *',
      // A run only for ticks that find files: an idle inbox leaves no trace in the run list.
      input: async () => {
        const inboxDir = defaultInboxDir();
        return (await hasInboxFiles(inboxDir, INBOX_ROUTES, 2_000)) ? { inboxDir, minAgeMs: 2_000 } : null;
      },
    },
  ],
});

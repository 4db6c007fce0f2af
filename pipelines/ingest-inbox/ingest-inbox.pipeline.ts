import { join } from 'node:path';
import { z } from 'zod';
import { definePipeline } from '../../core/definition/define-pipeline';
import { hasInboxFiles, type InboxRoute, inbox } from '../../health/ingest/poll-inbox';
import { ingestInboxMachine } from './ingest-inbox.machine';

/** `<inbox>/lab-results/*.csv` → lab-results-csv, `<inbox>/fhir-bundle/*.json` → fhir-bundle. */
export const INBOX_ROUTES: readonly InboxRoute[] = [
  { folder: 'lab-results', pipelineId: 'lab-results-csv', extensions: ['.csv'] },
  { folder: 'fhir-bundle', pipelineId: 'fhir-bundle', extensions: ['.json'] },
];

/** The inbox of an installation: `<data folder>/inbox` (`$SIGNALBOX_HOME/inbox`). */
export const inboxDirOf = (dataDir: string) => join(dataDir, 'inbox');

export const IngestInboxInputSchema = z.object({
  inboxDir: z.string().trim().min(1, 'inboxDir is required').max(4096),
  minAgeMs: z.number().int().min(0).max(3_600_000).default(2_000),
});

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
      async run({ use, input, log }) {
        const result = await use(inbox).poll({
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
      input: async (_tick, { dataDir }) => {
        if (!dataDir) return null;
        const inboxDir = inboxDirOf(dataDir);
        return (await hasInboxFiles(inboxDir, INBOX_ROUTES, 2_000)) ? { inboxDir, minAgeMs: 2_000 } : null;
      },
    },
  ],
});

import { definePipeline } from '../../core/definition/define-pipeline';
import { IngestInputSchema } from '../../health/ingest/ingest-input';
import { ingestStore } from '../../health/ingest/ingest-store';
import { LAB_RESULTS_REVIEW_THRESHOLD, labResultsCsvMachine } from './lab-results-csv.machine';

export interface LabResultsCsvOptions {
  /** Quarantined share (0..1) above which a run waits for review. */
  reviewThreshold?: number;
  /** Rows per INSERT/UPDATE in every step. */
  batchSize?: number;
  /** Called after each committed load batch: tests crash the load here. */
  afterLoadBatch?: (batch: number, attempt: number) => void | Promise<void>;
  /** Retry policy of the load step (tests shorten it). */
  loadBackoff?: { initialMs: number; maxMs: number };
}

const LARGE_FILE_TIMEOUT_MS = 30 * 60_000;

/**
 * The lab results CSV pipeline, built with options so tests and installations can tune it; the
 * registered one is `labResultsCsv`. Columns: patient_id, loinc_code, value, unit, effective_at (any
 * order, other columns ignored). Every step reads and writes in batches, so a 100,000-row file runs
 * in bounded memory, and every step can run again after a crash without writing anything twice.
 */
export function createLabResultsCsvPipeline(options: LabResultsCsvOptions = {}) {
  const batchSize = options.batchSize;
  return definePipeline({
    id: 'lab-results-csv',
    version: 1,
    title: 'Lab results (CSV)',
    description:
      'Lab results from CSV files (inbox or upload): bad rows are quarantined, too many of them wait for review, ' +
      'units are converted to one per LOINC code, and results are upserted into observations without duplicates.',
    input: IngestInputSchema,
    accepts: { files: true },
    machine: labResultsCsvMachine(options.reviewThreshold ?? LAB_RESULTS_REVIEW_THRESHOLD),
    steps: {
      receive: {
        async run({ use, input, signal, log }) {
          await use(ingestStore).receiveFile(input.file, signal);
          log.info(`file ${input.file.id}: ${input.file.bytes} bytes, hash verified`);
          return { bytes: input.file.bytes };
        },
      },
      parse: {
        // A malformed file fails the same way every time: one retry covers a database hiccup.
        maxAttempts: 2,
        timeoutMs: LARGE_FILE_TIMEOUT_MS,
        async run({ use, runId, input, signal, log }) {
          const counts = await use(ingestStore).parseLabCsv({
            runId,
            fileId: input.file.id,
            signal,
            batchSize,
          });
          log.info(`${counts.received} rows staged, ${counts.quarantined} with the wrong number of fields`);
          return { counts };
        },
      },
      validate: {
        timeoutMs: LARGE_FILE_TIMEOUT_MS,
        async run({ use, runId, signal, log }) {
          const counts = await use(ingestStore).validateLabRows({
            runId,
            now: new Date(),
            signal,
            batchSize,
          });
          log.info(`${counts.valid} valid, ${counts.quarantined} quarantined of ${counts.received}`);
          return { counts };
        },
      },
      normalize: {
        timeoutMs: LARGE_FILE_TIMEOUT_MS,
        async run({ use, runId, signal, log }) {
          const { converted, ...counts } = await use(ingestStore).normalizeMeasurements({
            runId,
            signal,
            batchSize,
          });
          log.info(`${converted} values converted to their canonical unit`);
          return { counts, converted };
        },
      },
      deduplicate: {
        timeoutMs: LARGE_FILE_TIMEOUT_MS,
        async run({ use, runId, log }) {
          const counts = await use(ingestStore).deduplicateRecords({ runId });
          log.info(`${counts.quarantined} quarantined in total after checking for duplicates and conflicts`);
          return { counts };
        },
      },
      load: {
        timeoutMs: LARGE_FILE_TIMEOUT_MS,
        maxAttempts: 5,
        backoff: options.loadBackoff,
        async run({ use, runId, signal, log, attempt }) {
          const counts = await use(ingestStore).loadRecords({
            runId,
            pipelineId: 'lab-results-csv',
            signal,
            batchSize,
            afterBatch: options.afterLoadBatch && ((batch) => options.afterLoadBatch!(batch, attempt)),
          });
          log.info(`${counts.loaded} loaded, ${counts.duplicates} duplicates`);
          return { counts };
        },
      },
    },
  });
}

export const labResultsCsv = createLabResultsCsvPipeline();

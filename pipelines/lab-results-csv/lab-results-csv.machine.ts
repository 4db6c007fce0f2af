import { createIngestMachine } from '../../health/ingest/ingest-machine';

/** Above 5 % quarantined rows, a person looks at the file before anything is loaded. */
export const LAB_RESULTS_REVIEW_THRESHOLD = 0.05;

/**
 * received → parsing → validating → (awaiting_review →) normalizing → deduplicating → loading →
 * completed; `failed`, `cancelled` and `rejected` end it otherwise. See `createIngestMachine`.
 */
export const labResultsCsvMachine = (reviewThreshold = LAB_RESULTS_REVIEW_THRESHOLD) =>
  createIngestMachine({ id: 'lab-results-csv', reviewThreshold });

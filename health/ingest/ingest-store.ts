import { defineCapability } from '../../core/definition/capability';
import type { Executor } from '../../db/client';
import { deduplicateRecords } from './deduplicate-records';
import { loadRecords } from './load-records';
import { normalizeMeasurements } from './normalize-measurements';
import { parseFhirBundle } from './parse-fhir-bundle';
import { parseLabCsv } from './parse-lab-csv';
import { receiveIngestFile } from './receive-ingest-file';
import { validateFhirEntries } from './validate-fhir-entries';
import { validateLabRows } from './validate-lab-rows';

const on =
  (db: Executor) =>
  <A extends unknown[], R>(work: (db: Executor, ...args: A) => R) =>
  (...args: A): R =>
    work(db, ...args);

/**
 * What the ingestion pipelines' steps may do: each stage of a file's way from upload to
 * observations, batched and safe to run again after a crash. Steps get this, not the database.
 */
export const ingestStore = defineCapability('ingest-store', ({ engine }) => {
  const bound = on(engine.db);
  return {
    receiveFile: bound(receiveIngestFile),
    parseLabCsv: bound(parseLabCsv),
    parseFhirBundle: bound(parseFhirBundle),
    validateLabRows: bound(validateLabRows),
    validateFhirEntries: bound(validateFhirEntries),
    normalizeMeasurements: bound(normalizeMeasurements),
    deduplicateRecords: bound(deduplicateRecords),
    loadRecords: bound(loadRecords),
  };
});

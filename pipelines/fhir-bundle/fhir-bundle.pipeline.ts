import { definePipeline } from '../../core/definition/define-pipeline';
import { IngestInputSchema } from '../../health/ingest/ingest-input';
import { ingestStore } from '../../health/ingest/ingest-store';
import { FHIR_BUNDLE_REVIEW_THRESHOLD, fhirBundleMachine } from './fhir-bundle.machine';

/** The identifier system whose values are Signalbox patient ids (the demo's synthetic MRNs). */
export const PATIENT_ID_SYSTEM = 'urn:signalbox:patient-id';

export interface FhirBundleOptions {
  reviewThreshold?: number;
  patientIdSystem?: string;
  batchSize?: number;
}

/**
 * FHIR R4 Bundles (JSON) with Patient and Observation entries. Patients are linked by identifier
 * (`patientIdSystem`, or an identifier already linked to a patient); Observations need a subject
 * that resolves, a LOINC coding, a valueQuantity and an effectiveDateTime, and land in the same
 * `observations` table as the CSV pipeline's rows. Other resource types are quarantined.
 */
export function createFhirBundlePipeline(options: FhirBundleOptions = {}) {
  const { batchSize } = options;
  const patientIdSystem = options.patientIdSystem ?? PATIENT_ID_SYSTEM;
  return definePipeline({
    id: 'fhir-bundle',
    version: 1,
    title: 'FHIR bundle',
    description:
      'FHIR R4 Bundles with Patient and Observation entries: invalid entries are quarantined, patients are ' +
      'linked by identifier, and Observations are upserted into the same observations table as lab CSVs.',
    input: IngestInputSchema,
    accepts: { files: true },
    machine: fhirBundleMachine(options.reviewThreshold ?? FHIR_BUNDLE_REVIEW_THRESHOLD),
    steps: {
      receive: {
        async run({ use, input, signal, log }) {
          await use(ingestStore).receiveFile(input.file, signal);
          log.info(`file ${input.file.id}: ${input.file.bytes} bytes, hash verified`);
          return { bytes: input.file.bytes };
        },
      },
      parse: {
        maxAttempts: 2,
        async run({ use, runId, input, signal, log }) {
          const counts = await use(ingestStore).parseFhirBundle({
            runId,
            fileId: input.file.id,
            signal,
            batchSize,
          });
          log.info(`${counts.received} entries staged`);
          return { counts };
        },
      },
      validate: {
        async run({ use, runId, signal, log }) {
          const counts = await use(ingestStore).validateFhirEntries({
            runId,
            now: new Date(),
            patientIdSystem,
            signal,
            batchSize,
          });
          log.info(`${counts.valid} valid, ${counts.quarantined} quarantined of ${counts.received} entries`);
          return { counts };
        },
      },
      normalize: {
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
        async run({ use, runId, log }) {
          const counts = await use(ingestStore).deduplicateRecords({ runId });
          log.info(`${counts.quarantined} quarantined in total after checking for duplicates and conflicts`);
          return { counts };
        },
      },
      load: {
        maxAttempts: 5,
        async run({ use, runId, signal, log }) {
          const counts = await use(ingestStore).loadRecords({
            runId,
            pipelineId: 'fhir-bundle',
            signal,
            batchSize,
          });
          log.info(
            `${counts.loaded} entries loaded (patients and observations), ${counts.duplicates} duplicates`,
          );
          return { counts };
        },
      },
    },
  });
}

export const fhirBundle = createFhirBundlePipeline();

import { createIngestMachine } from '../../health/ingest/ingest-machine';

/** Bundles come from systems that validate on their side: above 10 % bad entries, something is off. */
export const FHIR_BUNDLE_REVIEW_THRESHOLD = 0.1;

/** The same states as `lab-results-csv`; records are the bundle's entries. See `createIngestMachine`. */
export const fhirBundleMachine = (reviewThreshold = FHIR_BUNDLE_REVIEW_THRESHOLD) =>
  createIngestMachine({ id: 'fhir-bundle', reviewThreshold });

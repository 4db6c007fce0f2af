import type { Pipeline } from '../core/definition/define-pipeline';
import { documentReview } from './document-review/document-review.pipeline';
import { feedSync } from './feed-sync/feed-sync.pipeline';
import { fhirBundle } from './fhir-bundle/fhir-bundle.pipeline';
import { helloEtl } from './hello-etl/hello-etl.pipeline';
import { ingestInbox } from './ingest-inbox/ingest-inbox.pipeline';
import { labResultsCsv } from './lab-results-csv/lab-results-csv.pipeline';

/** Every pipeline this installation runs. Keep old versions here while their runs are active. */
export const allPipelines: readonly Pipeline[] = [
  helloEtl,
  documentReview,
  labResultsCsv,
  fhirBundle,
  ingestInbox,
  feedSync,
];

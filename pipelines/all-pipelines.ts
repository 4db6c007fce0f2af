import type { Pipeline } from '../core/pipeline/define-pipeline';
import { documentReview } from './document-review/document-review.pipeline';
import { helloEtl } from './hello-etl/hello-etl.pipeline';

/** Every pipeline this installation runs. Keep old versions here while their runs are active. */
export const allPipelines: readonly Pipeline[] = [helloEtl, documentReview];

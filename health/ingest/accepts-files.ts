import type { Pipeline } from '../../core/pipeline/define-pipeline';
import type { PipelineRegistry } from '../../core/pipeline/pipeline-registry';
import { IngestInputSchema } from './ingest-input';

/**
 * Whether a pipeline ingests uploaded files: its input is a stored file (`IngestInputSchema`), so
 * a run starts from bytes submitted with `submitIngestFile`, not from JSON typed into a form.
 */
export const acceptsFiles = (pipeline: Pipeline): boolean => pipeline.input === IngestInputSchema;

/** The ids of the pipelines that take files (latest versions), sorted. */
export const filePipelineIds = (registry: PipelineRegistry): string[] =>
  registry
    .list()
    .filter(acceptsFiles)
    .map((pipeline) => pipeline.id);

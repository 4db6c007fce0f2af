import { AppError } from '../errors';
import type { Pipeline } from './define-pipeline';

/**
 * All pipelines the process knows, by id and version. Keep old versions registered while runs that
 * started on them may still be active: a run always continues on the definition it started with.
 */
export class PipelineRegistry {
  private readonly byId = new Map<string, Map<number, Pipeline>>();

  constructor(pipelines: readonly Pipeline[]) {
    for (const pipeline of pipelines) {
      const versions = this.byId.get(pipeline.id) ?? new Map<number, Pipeline>();
      if (versions.has(pipeline.version)) {
        throw new Error(`pipeline '${pipeline.id}' version ${pipeline.version} is registered twice`);
      }
      versions.set(pipeline.version, pipeline);
      this.byId.set(pipeline.id, versions);
    }
  }

  /** Every registered pipeline, old versions included. */
  all(): Pipeline[] {
    return [...this.byId.values()].flatMap((versions) => [...versions.values()]);
  }

  /** The newest version of each pipeline, sorted by id. */
  list(): Pipeline[] {
    return [...this.byId.keys()].sort().map((id) => this.latest(id));
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Newest version; throws `PIPELINE_NOT_FOUND` (404) naming the known pipelines. */
  latest(id: string): Pipeline {
    const versions = this.byId.get(id);
    if (!versions) {
      throw new AppError(
        'PIPELINE_NOT_FOUND',
        `unknown pipeline '${id}'; known: ${[...this.byId.keys()].join(', ')}`,
        {
          pipelineId: id,
        },
      );
    }
    return versions.get(Math.max(...versions.keys()))!;
  }

  /** The exact version a run started on; throws `PIPELINE_VERSION_MISSING` if it was removed. */
  get(id: string, version: number): Pipeline {
    const pipeline = this.byId.get(id)?.get(version);
    if (!pipeline) {
      throw new AppError(
        'PIPELINE_VERSION_MISSING',
        `pipeline '${id}' version ${version} is not registered any more; register it again to continue its runs`,
        { pipelineId: id, version },
      );
    }
    return pipeline;
  }
}

export type AbortKind = 'timeout' | 'cancel' | 'shutdown';

/** The reason a step's AbortSignal carries. */
export class StepAborted extends Error {
  override readonly name = 'StepAborted';
  constructor(
    readonly kind: AbortKind,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The steps running in this process, by run, so a cancel (seen through NOTIFY) or a shutdown can
 * abort them through their AbortSignal.
 */
export class RunningSteps {
  /** Each running step's controller, with the run version it was claimed at. */
  private readonly byRun = new Map<string, Map<AbortController, number>>();

  /** Tracks a step of `runId` claimed when the run was at `version`; returns its untrack. */
  track(runId: string, controller: AbortController, version = 0): () => void {
    let steps = this.byRun.get(runId);
    if (!steps) {
      steps = new Map();
      this.byRun.set(runId, steps);
    }
    steps.set(controller, version);
    return () => {
      steps.delete(controller);
      if (steps.size === 0) this.byRun.delete(runId);
    };
  }

  /**
   * Aborts the run's steps. With `changedAt` (the version of the change that ended the run, from its
   * notice), only steps claimed before that change: a late notice of an earlier end (a run failed,
   * then retried at once) must not abort the step of the retry.
   */
  abortRun(runId: string, reason: StepAborted, changedAt?: number): number {
    let aborted = 0;
    for (const [controller, version] of this.byRun.get(runId) ?? []) {
      if (changedAt !== undefined && version >= changedAt) continue;
      controller.abort(reason);
      aborted += 1;
    }
    return aborted;
  }

  abortAll(reason: StepAborted): number {
    let count = 0;
    for (const runId of [...this.byRun.keys()]) count += this.abortRun(runId, reason);
    return count;
  }

  /** The runs that have a step running here. */
  runIds(): string[] {
    return [...this.byRun.keys()];
  }

  get size(): number {
    let count = 0;
    for (const steps of this.byRun.values()) count += steps.size;
    return count;
  }
}

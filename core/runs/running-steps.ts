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
  private readonly byRun = new Map<string, Set<AbortController>>();

  track(runId: string, controller: AbortController): () => void {
    let set = this.byRun.get(runId);
    if (!set) {
      set = new Set();
      this.byRun.set(runId, set);
    }
    set.add(controller);
    return () => {
      set.delete(controller);
      if (set.size === 0) this.byRun.delete(runId);
    };
  }

  abortRun(runId: string, reason: StepAborted): number {
    const set = this.byRun.get(runId);
    for (const controller of set ?? []) controller.abort(reason);
    return set?.size ?? 0;
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
    for (const set of this.byRun.values()) count += set.size;
    return count;
  }
}

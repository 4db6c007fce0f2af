import { notifyRunsChanged, type RunChangedNotice } from '../../db/queries/notify-run-changed';
import type { Engine } from '../engine';

/**
 * Notices that can wait a moment (a step attempt started), sent together every `windowMs`: the
 * step does not queue for PostgreSQL's NOTIFY lock, and the lock is taken once per batch instead of
 * once per step. Transitions do not come here: they notify in their own transaction.
 */
export class RunNoticeBatch {
  private pending = new Map<string, RunChangedNotice>();
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly engine: Engine,
    private readonly windowMs = 50,
  ) {}

  /** Queues a notice; a later one for the same run replaces it (consoles only need to know it changed). */
  add(notice: RunChangedNotice): void {
    this.pending.set(notice.runId, notice);
    this.timer ??= setTimeout(() => void this.flush(), this.windowMs);
  }

  /** Sends what is queued now. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const notices = [...this.pending.values()];
    this.pending = new Map();
    if (notices.length === 0) return this.sending;
    this.sending = this.sending
      .then(() => notifyRunsChanged(this.engine.db, notices))
      .catch((error: unknown) =>
        // A lost notice costs a console a refresh that the next change brings anyway.
        this.engine.logger.warn(
          { err: (error as Error).message, notices: notices.length },
          'run notices not sent',
        ),
      );
    return this.sending;
  }
}

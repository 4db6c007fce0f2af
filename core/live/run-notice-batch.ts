import { notifyRunsChanged, type RunChangedNotice } from '../../db/queries/notify-run-changed';
import type { Engine } from '../engine';

/**
 * A worker's run-change notices (a step attempt started, a step's transition committed), sent
 * together every `windowMs` after their commits: a step's commit does not queue for PostgreSQL's
 * NOTIFY lock (held from a notifying commit until its WAL is flushed, database-wide), and the lock is
 * taken once per batch instead of once per step. Operator actions and run starts still notify in
 * their own transaction. A worker killed in the window loses its queued notices: consoles show the
 * change on the run's next one (or a reload); workers never depend on these notices.
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

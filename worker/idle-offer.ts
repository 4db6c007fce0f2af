import type { Logger } from '../core/logger';
import type { Executor } from '../db/client';
import { describeConnectionError } from '../db/connection-errors';
import type { ListenSession } from '../db/listener';
import { offerIdleWorker, withdrawIdleWorker } from '../db/queries/idle-worker-slot';

export interface IdleOfferOptions {
  db: Executor;
  workerId: string;
  logger: Logger;
  /** The worker's listen connection, where a start's offer reaches it. */
  listenSession(): ListenSession | undefined;
  poolId(): string | null;
  /** Nothing claimed, running or being fetched here. */
  idle(): boolean;
  /** The heartbeat sequence an attempt opened now is claimed under. */
  claimSeq(): number;
  /** The newest version of each pipeline this worker knows. */
  pipelines: Record<string, number>;
}

/** How long `withdraw` waits for a step a start gave this worker just before it withdrew. */
const TAKEN_OFFER_WAIT_MS = 2_000;

/**
 * This worker's offer to the next single start (its row in `idle_workers`, see `writeNewRuns`):
 * made whenever the worker is idle without one, taken by a start (which gives the worker its first
 * step; the worker learns it from that step's offer, `taken`), made again after the listen
 * connection came back (the row names the connection), and withdrawn when the worker stops.
 */
export class IdleOffer {
  /** An offer is out, or on its way (its statement not answered yet). */
  private out = false;
  /** Counts the offer's changes of hand, so a late answer does not undo a newer one. */
  private generation = 0;
  private closed = false;
  private onTaken: (() => void) | undefined;
  /** The offer's statements, one after the other (an offer and its withdrawal must not cross). */
  private making: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: IdleOfferOptions) {}

  /** Offers the worker if it is idle and has no offer out (call whenever it may have become idle). */
  check(): void {
    const { options } = this;
    if (this.closed || this.out || !options.idle()) return;
    const listen = options.listenSession();
    const poolId = options.poolId();
    if (!listen || !poolId) return;
    this.out = true;
    const generation = ++this.generation;
    const slot = {
      workerId: options.workerId,
      poolId,
      listen,
      claimSeq: options.claimSeq(),
      pipelines: options.pipelines,
    };
    this.making = this.making
      .then(() => offerIdleWorker(options.db, slot))
      .catch((error: unknown) => {
        if (this.generation === generation) this.out = false;
        options.logger.debug({ ...describeConnectionError(error) }, 'could not offer the worker to starts');
      });
  }

  /** A start took the offer (its step arrived): the worker offers itself again once it is idle. */
  taken(): void {
    this.generation += 1;
    this.out = false;
    this.onTaken?.();
  }

  /**
   * The worker took a step some other way (the queue, an offer) while its offer was out: withdraws
   * it, so starts go to idle workers. (A start that took it just before still gives the step here.)
   */
  busy(): void {
    if (this.closed || !this.out) return;
    this.generation += 1;
    this.out = false;
    const { db, workerId, logger } = this.options;
    this.making = this.making.then(
      () =>
        withdrawIdleWorker(db, workerId).catch((error: unknown) =>
          logger.debug({ ...describeConnectionError(error) }, 'could not withdraw the offer to starts'),
        ),
      () => undefined,
    );
  }

  /** The listen connection is new: an offer made before names the old one. */
  renew(): void {
    this.generation += 1;
    this.out = false;
    this.check();
  }

  /**
   * Stops offering and deletes the offer. When a start took it just before (its step is on the
   * way), waits a moment for that step to arrive, so the worker runs it before it stops.
   */
  async withdraw(): Promise<void> {
    this.closed = true;
    await this.making.catch(() => undefined);
    const outstanding = this.out;
    let stillThere = true;
    try {
      stillThere = await withdrawIdleWorker(this.options.db, this.options.workerId);
    } catch {
      return; // The database is away: the offer names a listen connection that closes with the worker.
    }
    if (!outstanding || stillThere || !this.out) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, TAKEN_OFFER_WAIT_MS);
      this.onTaken = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

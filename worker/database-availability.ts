import type { Logger } from '../core/logger';
import { describeConnectionError } from '../db/connection-errors';

/**
 * Whether this process can reach PostgreSQL, as its heartbeat, its listen connection and its
 * job runner last saw it. Logs once when the database goes away ("database unavailable") and once
 * when it is back (with how long it was away), instead of one line per failed statement.
 */
export class DatabaseAvailability {
  private downSince: number | null = null;
  private readonly listeners = new Set<(available: boolean) => void>();

  constructor(private readonly logger: Logger) {}

  get available(): boolean {
    return this.downSince === null;
  }

  /** Called with `false` when the database goes away and `true` when it is back. */
  onChange(listener: (available: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  down(source: string, error: unknown): void {
    if (this.downSince !== null) return;
    this.downSince = Date.now();
    this.logger.warn({ source, ...describeConnectionError(error) }, 'database unavailable; retrying');
    for (const listener of this.listeners) listener(false);
  }

  up(source: string): void {
    if (this.downSince === null) return;
    const downMs = Date.now() - this.downSince;
    this.downSince = null;
    this.logger.info({ source, downMs }, 'database available again');
    for (const listener of this.listeners) listener(true);
  }
}

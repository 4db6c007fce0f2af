/**
 * The step attempts this worker process is executing, by idempotency key, and the sequence number
 * of its heartbeats. Each heartbeat writes the keys running when it was taken (`sample`); each claim
 * records the sequence it was made under (`begin`). Together they let a peer tell whether the
 * owner of a `running` attempt is still executing it: listed in the owner's latest beat, or claimed
 * after it. An attempt the owner stopped executing without closing it (its database went away at
 * that moment) is free for others once the owner has beaten again without it.
 */
export class ActiveAttempts {
  private seq = 0;
  private readonly keys = new Map<string, number>();
  /** Keys whose job was offered to this worker directly and is being claimed: settles with `taken`. */
  private readonly offers = new Map<string, Promise<boolean>>();

  /** Call before claiming; returns the heartbeat sequence the claim is made under. */
  begin(key: string): { seq: number; alreadyHere: boolean } {
    const count = this.keys.get(key) ?? 0;
    this.keys.set(key, count + 1);
    return { seq: this.seq, alreadyHere: count > 0 };
  }

  /** Call once the execution is over (settled, given up, or refused). */
  end(key: string): void {
    const count = this.keys.get(key) ?? 0;
    if (count <= 1) this.keys.delete(key);
    else this.keys.set(key, count - 1);
  }

  /**
   * Marks `key` as being claimed for a directly offered job (`dispatchStep`) until `taken` settles
   * (with whether this worker got that job). A queue runner that fetched the same job meanwhile
   * waits for it (`offered`) instead of taking the key for a duplicate being executed here.
   */
  offer(key: string, taken: Promise<boolean>): void {
    this.offers.set(key, taken);
    void taken.finally(() => {
      if (this.offers.get(key) === taken) this.offers.delete(key);
    });
  }

  /** The pending direct claim of `key`, if there is one (see `offer`). */
  offered(key: string): Promise<boolean> | undefined {
    return this.offers.get(key);
  }

  /** For a heartbeat: its sequence number and the keys running now, taken at the same instant. */
  sample(): { seq: number; keys: string[] } {
    this.seq += 1;
    return { seq: this.seq, keys: [...this.keys.keys()] };
  }

  /** The sequence a claim made now is made under (what `begin` returns). */
  get currentSeq(): number {
    return this.seq;
  }

  get size(): number {
    return this.keys.size;
  }
}

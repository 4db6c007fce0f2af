/** Where the console keeps its drawings across page loads. */
export const DRAWINGS_STORAGE_KEY = 'signalbox.drawings';

/** Removes the drawings kept across page loads: on sign-out, nothing of the session stays. */
export function forgetKeptDrawings(): void {
  try {
    window.localStorage.removeItem(DRAWINGS_STORAGE_KEY);
  } catch {
    // storage blocked: nothing was kept
  }
}

/** What the cache needs of `localStorage`. */
export type DrawingStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

interface Stored {
  /** The build that drew the entries: another build may draw differently, so its entries are dropped. */
  build: string;
  entries: [key: string, template: string][];
}

export interface DrawingCacheLimits {
  entries: number;
  /** Characters of all templates together: drawings are large, and the origin's storage is ~5 M. */
  chars: number;
}

/**
 * The last drawings (SVG templates by theme, layout and source), oldest first. Kept in memory, and,
 * once `persistIn` is called, in storage too, so a page loaded again (a reload, a new tab) draws its
 * diagram without loading Mermaid or laying it out. Storage is best effort: unreadable, full or
 * missing storage only means laying out again.
 */
export class DrawingCache {
  private readonly entries = new Map<string, string>();
  private storage: { area: DrawingStorage; key: string; build: string } | undefined;

  constructor(private readonly limits: DrawingCacheLimits = { entries: 24, chars: 1_500_000 }) {}

  /** Loads what `area` holds under `key` for this build, and keeps every later drawing there. */
  persistIn(area: DrawingStorage, key: string, build: string): void {
    this.storage = { area, key, build };
    let stored: Stored | undefined;
    try {
      stored = JSON.parse(area.getItem(key) ?? 'null') as Stored | undefined;
    } catch {
      stored = undefined;
    }
    if (stored?.build !== build || !Array.isArray(stored.entries)) return;
    for (const entry of stored.entries) {
      if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string') {
        this.entries.set(entry[0], entry[1]);
      }
    }
    this.evict();
  }

  get(key: string): string | undefined {
    return this.entries.get(key);
  }

  set(key: string, template: string): void {
    this.entries.delete(key);
    this.entries.set(key, template);
    this.evict();
    this.save();
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(): void {
    let chars = 0;
    for (const template of this.entries.values()) chars += template.length;
    for (const [key, template] of this.entries) {
      if (this.entries.size <= this.limits.entries && chars <= this.limits.chars) break;
      this.entries.delete(key);
      chars -= template.length;
    }
  }

  /**
   * Writes the entries out; when storage is full, the older half goes and it tries once more, and
   * when even that fails nothing stays stored.
   */
  private save(): void {
    const storage = this.storage;
    if (!storage) return;
    const entries = [...this.entries];
    for (const kept of [entries, entries.slice(Math.floor(entries.length / 2))]) {
      try {
        storage.area.setItem(
          storage.key,
          JSON.stringify({ build: storage.build, entries: kept } satisfies Stored),
        );
        return;
      } catch {
        // full: try with fewer
      }
    }
    try {
      storage.area.removeItem(storage.key);
    } catch {
      // storage unusable: memory only
    }
  }
}

import { describe, expect, it } from 'vitest';
import { DrawingCache, type DrawingStorage } from './drawing-cache';

/** `localStorage` as a browser keeps it: strings by key, with a quota in characters. */
class MemoryStorage implements DrawingStorage {
  readonly items = new Map<string, string>();
  constructor(private readonly quota = Number.POSITIVE_INFINITY) {}
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (value.length > this.quota) throw new DOMException('quota exceeded', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const KEY = 'signalbox.drawings';

describe('DrawingCache', () => {
  it('keeps drawings in memory only until it is told where to persist them', () => {
    const cache = new DrawingCache();
    cache.set('light\nelk\nA --> B', '<svg>A B</svg>');
    expect(cache.get('light\nelk\nA --> B')).toBe('<svg>A B</svg>');
    expect(cache.get('dark\nelk\nA --> B')).toBeUndefined();
  });

  it('gives a page loaded again the drawings an earlier load of the same build kept', () => {
    const storage = new MemoryStorage();
    const first = new DrawingCache();
    first.persistIn(storage, KEY, 'build-1');
    first.set('a', '<svg>a</svg>');
    first.set('b', '<svg>b</svg>');

    const reloaded = new DrawingCache();
    reloaded.persistIn(storage, KEY, 'build-1');
    expect(reloaded.get('a')).toBe('<svg>a</svg>');
    expect(reloaded.get('b')).toBe('<svg>b</svg>');
  });

  it('drops what another build drew, and replaces it on the next drawing', () => {
    const storage = new MemoryStorage();
    const old = new DrawingCache();
    old.persistIn(storage, KEY, 'build-1');
    old.set('a', '<svg>old a</svg>');

    const upgraded = new DrawingCache();
    upgraded.persistIn(storage, KEY, 'build-2');
    expect(upgraded.get('a')).toBeUndefined();
    upgraded.set('b', '<svg>b</svg>');
    expect(JSON.parse(storage.getItem(KEY) ?? '')).toEqual({
      build: 'build-2',
      entries: [['b', '<svg>b</svg>']],
    });
  });

  it('ignores stored text that is not its own, without failing', () => {
    for (const junk of [
      '{not json',
      '"a string"',
      '{"build":"build-1","entries":[[1,2],"x",["ok","<svg/>"]]}',
    ]) {
      const storage = new MemoryStorage();
      storage.setItem(KEY, junk);
      const cache = new DrawingCache();
      cache.persistIn(storage, KEY, 'build-1');
      expect(cache.size).toBe(junk.includes('"ok"') ? 1 : 0);
    }
  });

  it('keeps the newest drawings within its limits of entries and characters', () => {
    const storage = new MemoryStorage();
    const cache = new DrawingCache({ entries: 3, chars: 35 });
    cache.persistIn(storage, KEY, 'b');
    for (const name of ['one', 'two', 'three', 'four']) cache.set(name, `<svg>${name}</svg>`);
    expect([cache.get('one'), cache.get('two')]).toEqual([undefined, undefined]);
    expect(cache.get('four')).toBe('<svg>four</svg>');
    expect(cache.size).toBe(2); // "three" and "four" are 31 characters; with "two", 45: over 35
    const reloaded = new DrawingCache({ entries: 3, chars: 35 });
    reloaded.persistIn(storage, KEY, 'b');
    expect(reloaded.get('three')).toBe('<svg>three</svg>');
    expect(reloaded.get('four')).toBe('<svg>four</svg>');
  });

  it('stores the newer half when storage is full, and nothing when even that does not fit', () => {
    const template = (n: number) => `<svg>${'x'.repeat(100)}${n}</svg>`;
    const storage = new MemoryStorage(500);
    const cache = new DrawingCache();
    cache.persistIn(storage, KEY, 'b');
    for (let n = 0; n < 6; n++) cache.set(`k${n}`, template(n));
    // Every drawing stays in memory; storage holds what fitted when the last one was drawn.
    expect(cache.size).toBe(6);
    const stored = JSON.parse(storage.getItem(KEY) ?? '') as { entries: [string, string][] };
    expect(stored.entries.map(([key]) => key)).toEqual(['k3', 'k4', 'k5']);

    const tiny = new MemoryStorage(50);
    const tinyCache = new DrawingCache();
    tinyCache.persistIn(tiny, KEY, 'b');
    tinyCache.set('k', template(1));
    expect(tiny.getItem(KEY)).toBeNull();
    expect(tinyCache.get('k')).toBe(template(1));
  });
});

import { describe, expect, it } from 'vitest';
import { applyJsonPatch, diffJson, JsonPatchError } from './json-patch';

describe('json patch', () => {
  it('diffs objects key by key and the patch rebuilds the target', () => {
    const from = { a: 1, b: { c: 2, d: [1, 2] }, gone: true, 'x/y': 1 };
    const to = { a: 1, b: { c: 3, d: [1, 2, 3] }, added: null, 'x/y': 2 };
    const patch = diffJson(from, to);
    expect(patch).toEqual([
      { op: 'remove', path: '/gone' },
      { op: 'replace', path: '/b/c', value: 3 },
      { op: 'replace', path: '/b/d', value: [1, 2, 3] },
      { op: 'add', path: '/added', value: null },
      { op: 'replace', path: '/x~1y', value: 2 },
    ]);
    expect(applyJsonPatch(from, patch)).toEqual(to);
    expect(from.gone).toBe(true);
  });

  it('gives an empty patch for equal documents, whatever the key order', () => {
    expect(diffJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toEqual([]);
  });

  it('applies array operations and tests, and refuses paths that do not exist', () => {
    expect(applyJsonPatch({ l: [1, 3] }, [{ op: 'add', path: '/l/1', value: 2 }])).toEqual({ l: [1, 2, 3] });
    expect(applyJsonPatch({ l: [1] }, [{ op: 'add', path: '/l/-', value: 2 }])).toEqual({ l: [1, 2] });
    expect(() => applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow(JsonPatchError);
    expect(() => applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '/b/c', value: 2 }])).toThrow(
      /does not exist/,
    );
    expect(applyJsonPatch(1, [{ op: 'replace', path: '', value: { a: 1 } }])).toEqual({ a: 1 });
  });
});

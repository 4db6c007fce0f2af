import { describe, expect, it } from 'vitest';
import { sideBySide } from './line-diff';

describe('sideBySide', () => {
  it('pairs unchanged lines and shows changes, additions and removals', () => {
    const left = ['{', '  "a": 1,', '  "b": 2,', '  "c": 3', '}'].join('\n');
    const right = ['{', '  "a": 1,', '  "b": 5,', '  "c": 3,', '  "d": 4', '}'].join('\n');
    expect(sideBySide(left, right).map((r) => r.kind)).toEqual([
      'same',
      'same',
      'changed',
      'changed',
      'added',
      'same',
    ]);
  });

  it('finds nothing to show for equal texts', () => {
    expect(sideBySide('x\ny', 'x\ny').every((r) => r.kind === 'same')).toBe(true);
  });

  it('falls back to pairing by position for huge texts', () => {
    expect(sideBySide('a\nb', 'a\nc', 1)).toEqual([
      { left: 'a', right: 'a', kind: 'same' },
      { left: 'b', right: 'c', kind: 'changed' },
    ]);
  });
});

/** One row of a side-by-side diff: the left line, the right line, and how they differ. */
export interface DiffRow {
  left: string | null;
  right: string | null;
  kind: 'same' | 'removed' | 'added' | 'changed';
}

/**
 * A side-by-side line diff (longest common subsequence): unchanged lines face each other, a removed
 * line next to an added one reads as a change. Contexts are small (kilobytes), so O(n·m) is fine;
 * beyond `maxCells` the diff falls back to pairing lines by position.
 */
export function sideBySide(leftText: string, rightText: string, maxCells = 4_000_000): DiffRow[] {
  const a = leftText.split('\n');
  const b = rightText.split('\n');
  if (a.length * b.length > maxCells) {
    return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => row(a[i] ?? null, b[i] ?? null));
  }
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const rows: DiffRow[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      rows.push(row(removed[k] ?? null, added[k] ?? null));
    }
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush();
      rows.push({ left: a[i]!, right: b[j]!, kind: 'same' });
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      added.push(b[j++]!);
    } else {
      removed.push(a[i++]!);
    }
  }
  flush();
  return rows;
}

function row(left: string | null, right: string | null): DiffRow {
  if (left === right) return { left, right, kind: 'same' };
  if (left === null) return { left, right, kind: 'added' };
  if (right === null) return { left, right, kind: 'removed' };
  return { left, right, kind: 'changed' };
}

/**
 * Words Mermaid's state lexer reads as keywords at the start of a line (case-insensitively), plus
 * `root`, the id its renderer reserves for the diagram itself and silently never draws.
 */
const RESERVED = new Set([
  'root',
  'state',
  'note',
  'end',
  'click',
  'href',
  'default',
  'class',
  'classdef',
  'style',
  'scale',
  'direction',
  'hide',
  'as',
  'left',
  'right',
  'of',
  'acctitle',
  'accdescr',
  'statediagram',
]);

/**
 * Mermaid names the start and end markers of a block `<block id>_start` / `<block id>_end`; a state
 * with such an id would merge with a marker, so it is renamed.
 */
const MARKER_SUFFIX = /_(start|end)$/;

/**
 * The Mermaid id for a state path: segments joined with `__`, every character outside `[A-Za-z0-9]`
 * replaced by `_` (ids must be a single word to the lexer, and `-` would read as an arrow).
 */
export function stateIdBase(path: readonly string[]): string {
  const base = path.map((segment) => segment.replace(/[^A-Za-z0-9]/g, '_')).join('__') || 's';
  return RESERVED.has(base.toLowerCase()) || MARKER_SUFFIX.test(base) ? `${base}_` : base;
}

/**
 * Hands out ids that are unique within one diagram. Different paths can sanitize to the same base
 * (`a-b` and `a_b`), so later ones get `_2`, `_3`…; calling it in document order keeps the output
 * stable across runs.
 */
export function createIdAllocator(): (base: string) => string {
  const used = new Set<string>();
  return (base) => {
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    return id;
  };
}

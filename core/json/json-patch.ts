/**
 * A small JSON Patch (RFC 6902) subset: `add`, `remove`, `replace` and `test`, with JSON Pointer
 * paths (RFC 6901). Enough to keep a run's context history as diffs, to count what an operator
 * changed in a fork, and to apply one edit to many contexts (a bulk fork).
 */
export type JsonPatchOp =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string };

export type JsonPatch = JsonPatchOp[];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const escapeToken = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');
const unescapeToken = (token: string) => token.replaceAll('~1', '/').replaceAll('~0', '~');

/** Deep equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** The patch that turns `from` into `to` (objects compared key by key; arrays replaced whole). */
export function diffJson(from: unknown, to: unknown, path = ''): JsonPatch {
  if (jsonEqual(from, to)) return [];
  if (!isObject(from) || !isObject(to)) return [{ op: 'replace', path, value: to }];
  const ops: JsonPatch = [];
  for (const key of Object.keys(from)) {
    if (!(key in to)) ops.push({ op: 'remove', path: `${path}/${escapeToken(key)}` });
  }
  for (const [key, value] of Object.entries(to)) {
    const at = `${path}/${escapeToken(key)}`;
    if (!(key in from)) ops.push({ op: 'add', path: at, value });
    else ops.push(...diffJson(from[key], value, at));
  }
  return ops;
}

/** Thrown when a patch does not apply (a missing path, a failed `test`). */
export class JsonPatchError extends Error {
  override readonly name = 'JsonPatchError';
}

/** Applies a patch to a copy of `doc`; the input is never modified. */
export function applyJsonPatch(doc: unknown, patch: readonly JsonPatchOp[]): unknown {
  let root = structuredClone(doc);
  for (const op of patch) {
    if (op.path === '') {
      if (op.op === 'test') {
        if (!jsonEqual(root, op.value)) throw new JsonPatchError('test failed at the document root');
        continue;
      }
      if (op.op === 'remove') throw new JsonPatchError('cannot remove the document root');
      root = structuredClone(op.value);
      continue;
    }
    if (!op.path.startsWith('/')) throw new JsonPatchError(`path '${op.path}' must start with '/'`);
    const tokens = op.path.slice(1).split('/').map(unescapeToken);
    const last = tokens.pop()!;
    let parent: unknown = root;
    for (const token of tokens) {
      parent = Array.isArray(parent) ? parent[Number(token)] : isObject(parent) ? parent[token] : undefined;
      if (parent === undefined) throw new JsonPatchError(`path '${op.path}' does not exist`);
    }
    applyAt(parent, last, op);
  }
  return root;
}

function applyAt(parent: unknown, key: string, op: JsonPatchOp): void {
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) {
      throw new JsonPatchError(`index '${key}' is out of range`);
    }
    const exists = index < parent.length;
    switch (op.op) {
      case 'add':
        parent.splice(index, 0, structuredClone(op.value));
        return;
      case 'replace':
      case 'remove':
      case 'test':
        if (!exists) throw new JsonPatchError(`index '${key}' does not exist`);
        if (op.op === 'replace') parent[index] = structuredClone(op.value);
        else if (op.op === 'remove') parent.splice(index, 1);
        else if (!jsonEqual(parent[index], op.value)) throw new JsonPatchError(`test failed at '${key}'`);
        return;
    }
  }
  if (!isObject(parent)) throw new JsonPatchError(`cannot address '${key}' inside a non-container`);
  const exists = Object.hasOwn(parent, key);
  switch (op.op) {
    case 'add':
      parent[key] = structuredClone(op.value);
      return;
    case 'replace':
    case 'remove':
    case 'test':
      if (!exists) throw new JsonPatchError(`'${key}' does not exist`);
      if (op.op === 'replace') parent[key] = structuredClone(op.value);
      else if (op.op === 'remove') delete parent[key];
      else if (!jsonEqual(parent[key], op.value)) throw new JsonPatchError(`test failed at '${key}'`);
      return;
  }
}

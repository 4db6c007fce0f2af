// A small renderer for the kustomize features deploy/kubernetes uses, so the tests can check the
// manifests without kubectl: `resources` (files and folders), `namespace`, `images`, `replicas`,
// `labels` and `patches` with JSON 6902 operations on a target kind and name. Any other field fails
// loudly, which keeps the manifests inside what is tested; `kubectl kustomize` renders the same.
// Usage: npx tsx deploy/kubernetes/render-kustomization.ts deploy/kubernetes/overlays/example
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  namespace?: string;
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
  replicas?: { name: string; count: number }[];
  labels?: { pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }[];
  patches?: { target: { kind: string; name: string }; patch: string }[];
}

const SUPPORTED = new Set([
  'apiVersion',
  'kind',
  'resources',
  'namespace',
  'images',
  'replicas',
  'labels',
  'patches',
]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type PatchOp = { op: 'add' | 'replace' | 'remove'; path: string; value?: Json };

/** Renders the kustomization in `dir` to its objects, in resource order. */
export function renderKustomization(dir: string): KubeObject[] {
  const file = join(dir, 'kustomization.yaml');
  const kustomization = parse(readFileSync(file, 'utf8')) as Kustomization;
  const unsupported = Object.keys(kustomization).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length > 0) throw new Error(`${file}: unsupported fields ${unsupported.join(', ')}`);

  const objects: KubeObject[] = [];
  for (const resource of kustomization.resources ?? []) {
    const path = resolve(dir, resource);
    objects.push(...(statSync(path).isDirectory() ? renderKustomization(path) : readObjects(path)));
  }
  for (const { target, patch } of kustomization.patches ?? []) {
    const matches = objects.filter((o) => o.kind === target.kind && o.metadata.name === target.name);
    if (matches.length === 0) throw new Error(`${file}: no ${target.kind} ${target.name} to patch`);
    const ops = parse(patch) as PatchOp[];
    if (!Array.isArray(ops))
      throw new Error(`${file}: only JSON 6902 patches (a list of operations) are supported`);
    for (const object of matches) for (const op of ops) applyOperation(object as unknown as Json, op);
  }
  for (const { name, count } of kustomization.replicas ?? []) {
    const target = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name);
    if (!target) throw new Error(`${file}: no Deployment ${name} for replicas`);
    (target.spec as { replicas?: number }).replicas = count;
  }
  for (const image of kustomization.images ?? []) {
    for (const container of containersOf(objects)) {
      const [name, tag] = splitImage(container.image);
      if (name !== image.name) continue;
      const newName = image.newName ?? name;
      container.image = image.digest
        ? `${newName}@${image.digest}`
        : `${newName}${image.newTag ? `:${image.newTag}` : tag ? `:${tag}` : ''}`;
    }
  }
  for (const { pairs, includeSelectors, includeTemplates } of kustomization.labels ?? []) {
    if (includeSelectors)
      throw new Error(`${file}: labels.includeSelectors is not supported (selectors are immutable)`);
    for (const object of objects) {
      object.metadata.labels = { ...object.metadata.labels, ...pairs };
      const template = (object.spec as { template?: { metadata?: { labels?: Record<string, string> } } })
        ?.template;
      if (includeTemplates && template)
        template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, ...pairs } };
    }
  }
  if (kustomization.namespace)
    for (const object of objects) object.metadata.namespace = kustomization.namespace;
  return objects;
}

function readObjects(path: string): KubeObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]!.message}`);
      return doc.toJS() as KubeObject | null;
    })
    .filter((object): object is KubeObject => object !== null);
}

/** Every container and init container of the pod templates (Deployments, Jobs). */
export function containersOf(
  objects: KubeObject[],
): { name: string; image: string; [key: string]: unknown }[] {
  return objects.flatMap((object) => {
    const pod = (object.spec as { template?: { spec?: Record<string, unknown> } } | undefined)?.template
      ?.spec;
    return [...((pod?.containers as never[]) ?? []), ...((pod?.initContainers as never[]) ?? [])];
  });
}

function splitImage(image: string): [string, string | undefined] {
  const at = image.indexOf('@');
  const base = at === -1 ? image : image.slice(0, at);
  const colon = base.lastIndexOf(':');
  return colon > base.lastIndexOf('/') ? [base.slice(0, colon), base.slice(colon + 1)] : [base, undefined];
}

const unescapePointer = (token: string) => token.replace(/~1/g, '/').replace(/~0/g, '~');

/** One RFC 6902 operation (add, replace, remove) on a JSON document, in place. */
export function applyOperation(document: Json, { op, path, value }: PatchOp): void {
  const tokens = path.split('/').slice(1).map(unescapePointer);
  const last = tokens.pop();
  if (last === undefined) throw new Error(`patch path ${path}: cannot ${op} the whole document`);
  let parent: Json = document;
  for (const token of tokens) {
    const next: Json | undefined = Array.isArray(parent)
      ? parent[Number(token)]
      : parent !== null && typeof parent === 'object'
        ? parent[token]
        : undefined;
    if (next === undefined || next === null || typeof next !== 'object')
      throw new Error(`patch path ${path}: ${token} not found`);
    parent = next;
  }
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (op === 'add') parent.splice(index, 0, value as Json);
    else if (index >= parent.length) throw new Error(`patch path ${path}: no element ${last}`);
    else if (op === 'replace') parent[index] = value as Json;
    else parent.splice(index, 1);
    return;
  }
  if (parent === null || typeof parent !== 'object') throw new Error(`patch path ${path}: not an object`);
  if (op !== 'add' && !(last in parent)) throw new Error(`patch path ${path}: ${last} not found`);
  if (op === 'remove') delete parent[last];
  else parent[last] = value as Json;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const dir = process.argv[2] ?? join(import.meta.dirname, 'overlays', 'example');
  process.stdout.write(
    renderKustomization(resolve(dir))
      .map((o) => stringify(o))
      .join('---\n'),
  );
}

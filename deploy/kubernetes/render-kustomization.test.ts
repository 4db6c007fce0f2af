import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyOperation, renderKustomization } from './render-kustomization';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kustomize-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: web:1.0
          args: [serve, --port, "80"]
        - name: sidecar
          image: registry.example.com/proxy@sha256:abc
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  A: "1"
`;

describe('renderKustomization', () => {
  it('applies patches, replicas, images, labels and the namespace of an overlay to its base', () => {
    const dir = project({
      'base/kustomization.yaml': 'resources: [app.yaml]\n',
      'base/app.yaml': deployment,
      'overlay/kustomization.yaml': `resources: [../base]
namespace: prod
replicas: [{ name: web, count: 4 }]
images:
  - { name: web, newName: registry.example.com/web, newTag: "2.0" }
  - { name: registry.example.com/proxy, digest: "sha256:def" }
labels:
  - pairs: { team: data }
    includeTemplates: true
patches:
  - target: { kind: Deployment, name: web }
    patch: |-
      - { op: replace, path: /spec/template/spec/containers/0/args/2, value: "8080" }
      - { op: add, path: /spec/template/spec/containers/0/args/-, value: --verbose }
      - { op: remove, path: /spec/template/spec/containers/1/args }
  - target: { kind: ConfigMap, name: settings }
    patch: |-
      - { op: add, path: /data/B, value: "2" }
      - { op: remove, path: /data/A }
`,
    });
    expect(() => renderKustomization(join(dir, 'overlay'))).toThrow(
      'patch path /spec/template/spec/containers/1/args: args not found',
    );
    writeFileSync(
      join(dir, 'overlay', 'kustomization.yaml'),
      readFileSync(join(dir, 'overlay', 'kustomization.yaml'), 'utf8').replace(
        '      - { op: remove, path: /spec/template/spec/containers/1/args }\n',
        '',
      ),
    );
    const [web, settings] = renderKustomization(join(dir, 'overlay')) as any[];
    expect(web.metadata).toEqual({ name: 'web', namespace: 'prod', labels: { team: 'data' } });
    expect(web.spec.replicas).toBe(4);
    expect(web.spec.template.metadata.labels).toEqual({ app: 'web', team: 'data' });
    expect(web.spec.template.spec.containers.map((c: any) => c.image)).toEqual([
      'registry.example.com/web:2.0',
      'registry.example.com/proxy@sha256:def',
    ]);
    expect(web.spec.template.spec.containers[0].args).toEqual(['serve', '--port', '8080', '--verbose']);
    expect(settings.data).toEqual({ B: '2' });
    expect(settings.metadata.namespace).toBe('prod');
  });

  it('refuses what it does not render, so manifests stay within what is tested', () => {
    const dir = project({ 'kustomization.yaml': 'resources: []\nconfigMapGenerator: []\n' });
    expect(() => renderKustomization(dir)).toThrow('unsupported fields configMapGenerator');
    const strategic = project({
      'kustomization.yaml':
        'resources: [app.yaml]\npatches:\n  - target: { kind: ConfigMap, name: settings }\n    patch: "data: {A: 2}"\n',
      'app.yaml': deployment,
    });
    expect(() => renderKustomization(strategic)).toThrow('only JSON 6902 patches');
    const missing = project({
      'kustomization.yaml':
        'resources: [app.yaml]\npatches:\n  - target: { kind: Job, name: x }\n    patch: "[]"\n',
      'app.yaml': deployment,
    });
    expect(() => renderKustomization(missing)).toThrow('no Job x to patch');
  });
});

describe('applyOperation', () => {
  it('escapes ~1 and ~0 in paths, and fails on paths that are not there', () => {
    const doc = { metadata: { labels: { 'app.kubernetes.io/name': 'a', 'x~y': 'b' } } };
    applyOperation(doc, { op: 'replace', path: '/metadata/labels/app.kubernetes.io~1name', value: 'c' });
    applyOperation(doc, { op: 'remove', path: '/metadata/labels/x~0y' });
    expect(doc).toEqual({ metadata: { labels: { 'app.kubernetes.io/name': 'c' } } });
    expect(() => applyOperation(doc, { op: 'replace', path: '/spec/replicas', value: 1 })).toThrow(
      'spec not found',
    );
  });
});

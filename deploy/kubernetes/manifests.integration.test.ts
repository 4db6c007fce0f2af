import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication';
import { sql } from 'drizzle-orm';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../cli/program';
import { EnvSchema, loadEnv } from '../../config/env';
import { readQueueDepth } from '../../db/queries/read-queue-depth';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { WORKER_HEALTH_PATHS } from '../../worker/health-server';
import { HARD_STOP_AFTER_GRACE_MS } from '../../worker/run-worker';
import { containersOf, type KubeObject, renderKustomization } from './render-kustomization';

const ROOT = join(import.meta.dirname, '..', '..');
const rendered = {
  base: renderKustomization(join(import.meta.dirname, 'base')),
  example: renderKustomization(join(import.meta.dirname, 'overlays', 'example')),
};

type Model = new (data: never) => { validate(): void };
/** The Kubernetes (and KEDA) schema of each kind the manifests use. */
const MODELS: Record<string, Model> = {
  'v1/ConfigMap': ConfigMap as unknown as Model,
  'v1/Service': Service as unknown as Model,
  'apps/v1/Deployment': Deployment as unknown as Model,
  'batch/v1/Job': Job as unknown as Model,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget as unknown as Model,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject as unknown as Model,
  'keda.sh/v1alpha1/TriggerAuthentication': TriggerAuthentication as unknown as Model,
};

interface SchemaError {
  instancePath: string;
  message?: string;
}

function schemaErrors(object: unknown): SchemaError[] {
  const { apiVersion, kind } = object as KubeObject;
  const model = MODELS[`${apiVersion}/${kind}`];
  if (!model) return [{ instancePath: '', message: `no schema for ${apiVersion} ${kind}: add its model` }];
  try {
    new model(structuredClone(object) as never).validate();
    return [];
  } catch (error) {
    return (error as { errors?: SchemaError[] }).errors ?? [{ instancePath: '', message: String(error) }];
  }
}

/** JSON pointers of every scalar in the object. */
function leaves(value: unknown, pointer = ''): string[] {
  if (value === null || typeof value !== 'object') return [pointer];
  return Object.entries(value).flatMap(([key, child]) =>
    leaves(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`),
  );
}

function setAt(object: unknown, pointer: string, value: unknown): void {
  const tokens = pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = tokens.pop()!;
  let parent = object as Record<string, unknown>;
  for (const token of tokens) parent = parent[token] as Record<string, unknown>;
  parent[last] = value;
}

/**
 * Fields the schema does not know (a typo such as `readinesProbe`), which the models accept
 * silently and `kubectl apply` refuses: the schema must object when such a field holds nonsense.
 */
function unknownFields(object: KubeObject): string[] {
  // apiVersion and kind: the model sets them itself (and MODELS chose it by them).
  const fields = leaves(object).filter((pointer) => pointer !== '/apiVersion' && pointer !== '/kind');
  return fields.filter((pointer) => {
    const probe = structuredClone(object);
    // Nonsense for a field of any scalar type: a list.
    setAt(probe, pointer, [['probe']]);
    return !schemaErrors(probe).some((e) => e.instancePath === pointer);
  });
}

const byKind = (objects: KubeObject[], kind: string) => objects.filter((o) => o.kind === kind);
const named = (objects: KubeObject[], kind: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found as KubeObject & { spec: any; data?: Record<string, string> };
};
const podSpec = (object: KubeObject) => (object as any).spec.template.spec;
const config = named(rendered.base, 'ConfigMap', 'signalbox-config').data!;

describe.each(Object.entries(rendered))('the %s kustomization', (_name, objects) => {
  it('renders valid Kubernetes and KEDA objects with no unknown fields', () => {
    // (The example names its migration Job after the release.)
    const names = objects.map((o) =>
      `${o.kind}/${o.metadata.name}`.replace(/^(Job\/signalbox-migrate).+$/, '$1'),
    );
    expect(names.sort()).toEqual([
      'ConfigMap/signalbox-config',
      'Deployment/signalbox-console',
      'Deployment/signalbox-worker',
      'Job/signalbox-migrate',
      'PodDisruptionBudget/signalbox-console',
      'PodDisruptionBudget/signalbox-worker',
      'ScaledObject/signalbox-worker',
      'Service/signalbox-console',
      'TriggerAuthentication/signalbox-postgres',
    ]);
    for (const object of objects) {
      const where = `${object.kind}/${object.metadata.name}`;
      expect(schemaErrors(object), where).toEqual([]);
      expect(unknownFields(object), where).toEqual([]);
    }
  });

  it('runs pods as a non-root user on a read-only root filesystem, with resources and writable emptyDirs', () => {
    for (const object of [...byKind(objects, 'Deployment'), ...byKind(objects, 'Job')]) {
      const pod = podSpec(object);
      const where = object.metadata.name;
      // uid 1000 is the `node` user of the image (Dockerfile: USER node).
      expect(pod.securityContext, where).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      expect(pod.automountServiceAccountToken, where).toBe(false);
      const emptyDirs = new Set(pod.volumes.filter((v: any) => v.emptyDir).map((v: any) => v.name));
      for (const container of pod.containers) {
        expect(container.securityContext, where).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.resources.requests, where).toEqual({
          cpu: expect.any(String),
          memory: expect.any(String),
        });
        expect(container.resources.limits.memory, where).toEqual(expect.any(String));
        const writable = container.volumeMounts
          .filter((m: any) => emptyDirs.has(m.name))
          .map((m: any) => m.mountPath);
        // tsx caches compiled TypeScript in /tmp; the console's Next.js server writes .next/cache.
        expect(writable, where).toEqual(
          container.args[0] === 'console' ? ['/tmp', '/app/.next/cache'] : ['/tmp'],
        );
      }
    }
  });
});

describe('the manifests and the code agree', () => {
  const program = buildProgram();
  const containers = containersOf(rendered.base) as unknown as {
    name: string;
    args: string[];
    [k: string]: any;
  }[];

  it('every container runs a `signalbox` command with options it has', () => {
    expect(containers.map((c) => c.args)).toEqual([
      ['migrate'],
      ['console'],
      ['worker', '--health-port', '9090'],
    ]);
    for (const { args } of containers) {
      const command = program.commands.find((c) => c.name() === args[0]);
      expect(command, args[0]).toBeDefined();
      for (const flag of args.filter((a) => a.startsWith('--'))) {
        expect(
          command!.options.map((o) => o.long),
          flag,
        ).toContain(flag);
      }
    }
  });

  it('probes ask for paths the console and the worker serve, on ports they listen on', () => {
    const consoleContainer = podSpec(named(rendered.base, 'Deployment', 'signalbox-console')).containers[0];
    const workerContainer = podSpec(named(rendered.base, 'Deployment', 'signalbox-worker')).containers[0];
    expect(consoleContainer.ports).toEqual([{ name: 'http', containerPort: Number(config.PORT) }]);
    const healthPort = Number(workerContainer.args[workerContainer.args.indexOf('--health-port') + 1]);
    expect(workerContainer.ports).toEqual([{ name: 'health', containerPort: healthPort }]);
    const probes = (c: any) => [c.startupProbe, c.livenessProbe, c.readinessProbe].map((p) => p.httpGet);

    for (const { path, port } of probes(consoleContainer)) {
      expect(port).toBe('http');
      const route = join(ROOT, 'app', ...path.split('/').filter(Boolean), 'route.ts');
      expect(existsSync(route), path).toBe(true);
      expect(readFileSync(route, 'utf8')).toMatch(/export (async )?function GET|export const GET/);
    }
    expect(probes(consoleContainer).map((p) => p.path)).toEqual(['/api/health', '/api/health', '/api/ready']);
    expect(probes(workerContainer)).toEqual([
      { path: WORKER_HEALTH_PATHS.health, port: 'health' },
      { path: WORKER_HEALTH_PATHS.health, port: 'health' },
      { path: WORKER_HEALTH_PATHS.ready, port: 'health' },
    ]);
    const worker = named(rendered.base, 'Deployment', 'signalbox-worker');
    expect(worker.spec.template.metadata.annotations).toMatchObject({
      'prometheus.io/port': String(healthPort),
      'prometheus.io/path': WORKER_HEALTH_PATHS.metrics,
    });
    const service = named(rendered.base, 'Service', 'signalbox-console');
    expect(service.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http' }]);
  });

  it('configures only variables Signalbox reads, and they parse', () => {
    const known = Object.keys(EnvSchema.shape);
    for (const key of Object.keys(config)) expect(known, key).toContain(key);
    for (const container of containers) {
      expect(container.envFrom).toEqual([
        { configMapRef: { name: 'signalbox-config' } },
        { secretRef: { name: 'signalbox-secrets' } },
      ]);
    }
    const auth = named(rendered.base, 'TriggerAuthentication', 'signalbox-postgres');
    expect(auth.spec.secretTargetRef).toEqual([
      { parameter: 'connection', name: 'signalbox-secrets', key: 'DATABASE_URL' },
    ]);
    const env = loadEnv({
      ...named(rendered.example, 'ConfigMap', 'signalbox-config').data,
      DATABASE_URL: 'postgres://signalbox:secret@db:5432/signalbox',
      SIGNALBOX_AUTH_SECRET: 'x'.repeat(32),
      METRICS_TOKEN: 'y'.repeat(32),
    });
    expect(env).toMatchObject({
      HOST: '0.0.0.0',
      PORT: 3000,
      LOG_FORMAT: 'json',
      PUBLIC_URL: 'https://signalbox.example.com',
    });
  });

  it('gives a stopping worker longer than its grace period and hard stop', () => {
    const pod = podSpec(named(rendered.base, 'Deployment', 'signalbox-worker'));
    const needed = Number(config.WORKER_GRACE_SECONDS) + HARD_STOP_AFTER_GRACE_MS / 1000;
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(needed + 5);
  });

  it('selects the pods of each Deployment in its Service and PodDisruptionBudget', () => {
    for (const name of ['signalbox-console', 'signalbox-worker']) {
      const deployment = named(rendered.base, 'Deployment', name);
      const labels = deployment.spec.template.metadata.labels;
      expect(deployment.spec.selector.matchLabels).toEqual(labels);
      expect(named(rendered.base, 'PodDisruptionBudget', name).spec.selector.matchLabels).toEqual(labels);
    }
    expect(named(rendered.base, 'Service', 'signalbox-console').spec.selector).toEqual(
      named(rendered.base, 'Deployment', 'signalbox-console').spec.selector.matchLabels,
    );
  });

  it('the example overlay sets the namespace, image, release name of the migration and sizes', () => {
    expect(new Set(rendered.example.map((o) => o.metadata.namespace))).toEqual(new Set(['signalbox']));
    expect(new Set(containersOf(rendered.example).map((c) => c.image))).toEqual(
      new Set(['registry.example.com/signalbox:1.4.0']),
    );
    expect(byKind(rendered.example, 'Job')[0]!.metadata.name).toBe('signalbox-migrate-1-4-0');
    expect(named(rendered.example, 'Deployment', 'signalbox-console').spec.replicas).toBe(3);
    expect(named(rendered.example, 'ScaledObject', 'signalbox-worker').spec.maxReplicaCount).toBe(20);
  });
});

describe('KEDA autoscaling', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('scales the worker Deployment, one replica per WORKER_CONCURRENCY jobs, never to zero', () => {
    const scaled = named(rendered.base, 'ScaledObject', 'signalbox-worker');
    expect(scaled.spec.scaleTargetRef).toEqual({ name: 'signalbox-worker' });
    expect(scaled.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
    const [trigger] = scaled.spec.triggers;
    expect(trigger).toMatchObject({
      type: 'postgresql',
      authenticationRef: { name: 'signalbox-postgres' },
      metadata: { targetQueryValue: config.WORKER_CONCURRENCY },
    });
  });

  it('counts ready and running jobs in graphile-worker 0.17, the way the queue gauges do', async () => {
    const { query } = named(rendered.base, 'ScaledObject', 'signalbox-worker').spec.triggers[0].metadata;
    const count = async () => Number((await db.sql.unsafe(query))[0]!.count);
    expect(await count()).toBe(0);
    const add = (runAt: string) =>
      db.db.execute(
        sql`select graphile_worker.add_job('signalbox.step', '{}'::json, run_at => ${runAt}::timestamptz)`,
      );
    for (let i = 0; i < 5; i++) await add(new Date(Date.now() - 1_000).toISOString());
    await add(new Date(Date.now() + 3_600_000).toISOString());
    await db.db.execute(sql`
      update graphile_worker._private_jobs set locked_at = now(), locked_by = 'w'
      where id = (select min(id) from graphile_worker._private_jobs)`);
    await db.db.execute(sql`
      update graphile_worker._private_jobs set attempts = max_attempts
      where id = (select max(id) - 1 from graphile_worker._private_jobs)`);
    const depth = await readQueueDepth(db.db);
    expect(depth).toMatchObject({ ready: 3, running: 1, scheduled: 1, failed: 1 });
    expect(await count()).toBe(depth.ready + depth.running);
  });
});

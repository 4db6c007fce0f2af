import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Logger } from '../core/logger';

const ROOT = join(import.meta.dirname, '..');
/**
 * Top-level entries that are not sources of the console build: every other one is (a new module
 * too). The console never imports the CLI or the worker.
 */
const NOT_SOURCES = new Set([
  '.ci',
  '.dockerignore',
  '.git',
  '.gitignore',
  '.next',
  '.signalbox',
  'bench-results',
  'biome.json',
  'cli',
  'deploy',
  'docs',
  'Dockerfile',
  'drizzle.config.ts',
  'e2e',
  'node_modules',
  'playwright-report',
  'playwright.config.ts',
  'scripts',
  'test-results',
  'test-support',
  'vitest.config.ts',
  'worker',
]);
const isSource = (name: string) => !/\.(test\.tsx?|md|tsbuildinfo)$/.test(name);
const nextBin = () => createRequire(import.meta.url).resolve('next/dist/bin/next');

/**
 * Where the console's production server is. The container image holds the standalone output at its
 * root (`server.js` beside `cli/`), prebuilt; a checkout builds it into `.next/standalone/`.
 */
export function consoleServerPath(root = ROOT): { path: string; prebuilt: boolean } {
  const image = join(root, 'server.js');
  if (existsSync(image)) return { path: image, prebuilt: true };
  return { path: join(root, '.next', 'standalone', 'server.js'), prebuilt: false };
}

function newestSourceMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (isSource(entry)) newest = Math.max(newest, newestSourceMtime(join(path, entry)));
  }
  return newest;
}

/** True when there is no production build, or the sources changed since it was made. */
export function buildIsStale(root = ROOT): boolean {
  const server = consoleServerPath(root);
  if (server.prebuilt) return false;
  const buildId = join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId) || !existsSync(server.path)) return true;
  const built = statSync(buildId).mtimeMs;
  return readdirSync(root)
    .filter((entry) => !NOT_SOURCES.has(entry) && isSource(entry))
    .some((entry) => newestSourceMtime(join(root, entry)) > built);
}

function runNext(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [nextBin(), ...args], {
    cwd: ROOT,
    env: { ...env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'inherit',
  });
}

/**
 * `next build` (standalone output), then the static files beside the standalone server, as the
 * container image lays them out. Resolves when it succeeds.
 */
export async function buildConsole(logger: Logger): Promise<void> {
  logger.info({}, 'building the console (first start, or the sources changed)…');
  await new Promise<void>((resolve, reject) => {
    const child = runNext(['build'], process.env);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code})`)),
    );
  });
  const standalone = join(ROOT, '.next', 'standalone');
  rmSync(join(standalone, '.next', 'static'), { recursive: true, force: true });
  cpSync(join(ROOT, '.next', 'static'), join(standalone, '.next', 'static'), { recursive: true });
  if (existsSync(join(ROOT, 'public')))
    cpSync(join(ROOT, 'public'), join(standalone, 'public'), { recursive: true });
}

/**
 * Starts the console with the given environment: the standalone server (what the image runs), or
 * `next dev` with `dev`. The standalone server reads PORT and HOSTNAME.
 */
export function startConsole(options: {
  port: number;
  host: string;
  dev: boolean;
  env: NodeJS.ProcessEnv;
}): ChildProcess {
  if (options.dev) {
    return runNext(['dev', '--port', String(options.port), '--hostname', options.host], options.env);
  }
  return spawn(process.execPath, [consoleServerPath().path], {
    env: {
      // Node closes an idle keep-alive connection after 5 s by default: a client (a proxy, a load
      // balancer, a test's API client) that sends its next request on it just then gets ECONNRESET.
      // Idle connections stay open longer than the usual proxies' 60 s instead.
      KEEP_ALIVE_TIMEOUT: '65000',
      ...options.env,
      PORT: String(options.port),
      HOSTNAME: options.host,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: 'inherit',
  });
}

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Logger } from '../core/logger';

const ROOT = join(import.meta.dirname, '..');
const SOURCES = [
  'app',
  'components',
  'core',
  'health',
  'db',
  'pipelines',
  'config',
  'next.config.js',
  'package.json',
];
const nextBin = () => createRequire(import.meta.url).resolve('next/dist/bin/next');

function newestSourceMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestSourceMtime(join(path, entry)));
  return newest;
}

/** True when there is no production build, or the sources changed since it was made. */
export function buildIsStale(): boolean {
  const buildId = join(ROOT, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestSourceMtime(join(ROOT, source)) > built);
}

function runNext(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [nextBin(), ...args], {
    cwd: ROOT,
    env: { ...env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'inherit',
  });
}

/** `next build`, resolving when it succeeds. */
export function buildConsole(logger: Logger): Promise<void> {
  logger.info({}, 'building the console (first start, or the sources changed)…');
  return new Promise((resolve, reject) => {
    const child = runNext(['build'], process.env);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code})`)),
    );
  });
}

/** Starts the console (`next start`, or `next dev` with `dev`) with the given environment. */
export function startConsole(options: {
  port: number;
  host: string;
  dev: boolean;
  env: NodeJS.ProcessEnv;
}): ChildProcess {
  const mode = options.dev ? 'dev' : 'start';
  return runNext([mode, '--port', String(options.port), '--hostname', options.host], options.env);
}

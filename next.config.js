// @ts-check
import { realpathSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';

const here = import.meta.dirname;
/**
 * Turbopack compiles nothing outside its root. When node_modules is a symlink to another checkout
 * (a git worktree sharing its dependencies), the root is the folder both live in.
 */
function turbopackRoot() {
  let modules;
  try {
    modules = realpathSync(resolve(here, 'node_modules'));
  } catch {
    return here;
  }
  let root = here;
  while (relative(root, modules).startsWith('..') && dirname(root) !== root) root = dirname(root);
  return root.endsWith(sep) ? root.slice(0, -1) || sep : root;
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only libraries stay in node_modules instead of being bundled.
  serverExternalPackages: ['postgres', 'pino', 'pino-pretty', 'graphile-worker'],
  typescript: { ignoreBuildErrors: false },
  // `forbidden()` answers 403 with app/forbidden.tsx to signed-in people whose role lacks a page.
  experimental: { authInterrupts: true },
  turbopack: { root: turbopackRoot() },
};

export default nextConfig;

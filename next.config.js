// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // A self-contained server in .next/standalone: what `signalbox start` and the container image run.
  output: 'standalone',
  // This folder, not a parent with another lockfile: server.js lands at .next/standalone/server.js.
  outputFileTracingRoot: import.meta.dirname,
  reactStrictMode: true,
  // Server-only libraries stay in node_modules instead of being bundled.
  serverExternalPackages: ['postgres', 'pino', 'pino-pretty', 'graphile-worker', 'prom-client'],
  typescript: { ignoreBuildErrors: false },
  // `forbidden()` answers 403 with app/forbidden.tsx to signed-in people whose role lacks a page.
  experimental: { authInterrupts: true },
  // Stamps the build into the browser bundle: diagrams drawn and kept by one build are not reused by
  // another (components/diagram/render-mermaid.ts), which may draw them differently.
  env: { SIGNALBOX_BUILD: Date.now().toString(36) },
};

export default nextConfig;

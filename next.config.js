// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only libraries stay in node_modules instead of being bundled.
  serverExternalPackages: ['postgres', 'pino', 'pino-pretty', 'graphile-worker'],
  typescript: { ignoreBuildErrors: false },
  // `forbidden()` answers 403 with app/forbidden.tsx to signed-in people whose role lacks a page.
  experimental: { authInterrupts: true },
};

export default nextConfig;

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'vitest/config';

/** `server-only`'s no-op side (its `react-server` export), which its exports do not let us name. */
const serverOnlyMarker = join(dirname(createRequire(import.meta.url).resolve('server-only')), 'empty.js');

export default defineConfig({
  resolve: {
    // Route handlers are imported by tests as the server imports them (`react-server`: a no-op marker).
    alias: { 'server-only': serverOnlyMarker },
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'e2e/**', '.next/**', '.signalbox/**'],
    globalSetup: ['./test-support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // `expect.poll` waits for a condition, never for a time: on a loaded CI machine a worker can take
    // more than vitest's default second to get there.
    expect: { poll: { timeout: 10_000 } },
    // Integration files each get their own database; two cores, so keep the pool small.
    maxWorkers: 2,
  },
});

// A worker in its own process for the concurrency-limit tests. Usage:
// limited-worker-process.ts <databaseUrl> [hang]   (`hang`: every step blocks until the process dies)
import { silentLogger } from '../core/logger';
import { startWorker } from '../worker/run-worker';
import { limitedPipelines } from './limited-pipelines';

const url = process.argv[2];
if (!url) throw new Error('usage: limited-worker-process.ts <databaseUrl> [hang]');
const worker = await startWorker({
  databaseUrl: url,
  pipelines: limitedPipelines({ hang: process.argv[3] === 'hang' }),
  logger: silentLogger,
  concurrency: 4,
  pollIntervalMs: 100,
  heartbeatMs: 250,
  staleAfterMs: 1_000,
  schedules: false,
});
process.stdout.write(`ready ${worker.workerId}\n`);

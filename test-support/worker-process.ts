// A worker in its own process, for tests that kill it. Usage: worker-process.ts <databaseUrl> [chain]
// (`chain`: the hanging step comes second, in a job handed to this worker).
import { silentLogger } from '../core/logger';
import { documentReview } from '../pipelines/document-review/document-review.pipeline';
import { startWorker } from '../worker/run-worker';
import { crashChainPipeline, crashPipeline } from './test-pipelines';

const url = process.argv[2];
if (!url) throw new Error('usage: worker-process.ts <databaseUrl>');
const worker = await startWorker({
  databaseUrl: url,
  pipelines: [
    process.argv[3] === 'chain' ? crashChainPipeline('hang') : crashPipeline('hang'),
    documentReview,
  ],
  logger: silentLogger,
  concurrency: 1,
  pollIntervalMs: 100,
  heartbeatMs: 250,
  staleAfterMs: 1_000,
  schedules: false,
});
process.stdout.write(`ready ${worker.workerId}\n`);

// A worker process for fault-injection scenarios: the CLI's `signalbox worker` (guard, start-up
// wait, signals, graceful stop) running the chaos pipeline. Usage (env): DATABASE_URL, CHAOS_LEDGER_DIR,
// WORKER_CONCURRENCY, LOG_FORMAT=json. Started with `node --import tsx`.
import { workerCommand } from '../../cli/commands/worker';
import { cliContext } from '../../cli/context';
import { chaosPipeline } from './chaos-pipeline';

await workerCommand({ ...cliContext('worker'), pipelines: [chaosPipeline] }, {});
process.exit(0);

// A worker process for fault-injection scenarios: the CLI's `signalbox worker` (guard, start-up
// wait, signals, graceful stop) running the chaos pipeline. Usage (env): DATABASE_URL, CHAOS_LEDGER_DIR,
// WORKER_CONCURRENCY, LOG_FORMAT=json. Started with `node --import tsx`.
import { workerCommand } from '../../cli/commands/worker';
import { cliContext } from '../../cli/context';
import { chaosPipeline } from './chaos-pipeline';

// Stop like on SIGTERM when the harness that started this process goes away (its stdin pipe closes).
process.stdin.resume();
process.stdin.on('close', () => process.kill(process.pid, 'SIGTERM'));

await workerCommand({ ...cliContext('worker'), pipelines: [chaosPipeline] }, {});
process.exit(0);

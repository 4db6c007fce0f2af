import { Command, InvalidArgumentError } from 'commander';
import { PipelineRegistry } from '../core/definition/pipeline-registry';
import { buildCommand } from './commands/build';
import { consoleCommand } from './commands/console';
import { diagramCommand, diagramRunCommand, type RunDiagramFormat } from './commands/diagram';
import { type ForkOptions, forkCommand } from './commands/fork';
import { ingestCommand } from './commands/ingest';
import { migrateCommand } from './commands/migrate';
import { pauseCommand, pausedCommand, resumeCommand } from './commands/pause';
import { problemsCommand } from './commands/problems';
import { type PruneOptions, pruneCommand } from './commands/prune';
import { runCommand } from './commands/run';
import { seedCommand } from './commands/seed';
import { startCommand } from './commands/start';
import { statusCommand } from './commands/status';
import { tokenCreateCommand, tokenListCommand, tokenRevokeCommand } from './commands/token';
import { userCreateCommand, userListCommand } from './commands/user';
import { workerCommand } from './commands/worker';
import { CliError, cliContext } from './context';

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
};

/** The `signalbox` command line: every command, option and help text (run by cli/main.ts). */
export function buildProgram(): Command {
  const program = new Command()
    .name('signalbox')
    .description('Data pipelines as XState machines on PostgreSQL alone, with a live operations console.')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nEnvironment: DATABASE_URL (external PostgreSQL; embedded when unset), SIGNALBOX_HOME, SIGNALBOX_PG_PORT,\n' +
        'PORT, HOST, WORKER_CONCURRENCY, WORKER_GRACE_SECONDS, WORKER_MAX_CHAINED_STEPS, WORKER_HEALTH_PORT, METRICS_TOKEN, LOG_LEVEL,\n' +
        'LOG_FORMAT, SIGNALBOX_RETENTION_DAYS, SIGNALBOX_QUARANTINE_RETENTION_DAYS. See README.md.',
    );

  program
    .command('start')
    .description('run PostgreSQL (embedded unless DATABASE_URL), migrations, a worker and the console')
    .option('--dev', 'run the console with `next dev` (hot reload) instead of a production build', false)
    .option('--no-console', 'run the database and the worker only')
    .option('--no-seed', 'do not start demo runs on an empty database')
    .action((options: { dev: boolean; console: boolean; seed: boolean }) =>
      startCommand(cliContext('signalbox'), options),
    );

  program
    .command('worker')
    .description('run a worker; start as many as you need against the same PostgreSQL')
    .option('-c, --concurrency <n>', 'steps run at once (default WORKER_CONCURRENCY or 4)', positiveInt)
    .option(
      '--health-port <port>',
      'serve /health, /ready and /metrics on this port (default WORKER_HEALTH_PORT; off when unset)',
      positiveInt,
    )
    .action((options: { concurrency?: number; healthPort?: number }) =>
      workerCommand(cliContext('worker'), options),
    );

  program
    .command('console')
    .description('run the console alone against DATABASE_URL (no database, worker or migrations)')
    .action(() => consoleCommand(cliContext('console')));

  program
    .command('build')
    .description(
      'build the console (Next.js standalone output) when the sources changed since the last build',
    )
    .option('--force', 'build even when the last build is up to date', false)
    .action((options: { force: boolean }) => buildCommand(cliContext('build'), options));

  program
    .command('migrate')
    .description("apply Signalbox's SQL migrations and graphile-worker's")
    .action(() => migrateCommand(cliContext('migrate', true)));

  program
    .command('diagram')
    .description(
      "write the Mermaid state diagram of every pipeline to docs/pipelines.md, or with --run one run's diagram",
    )
    .option(
      '-o, --out <file>',
      'output file (default docs/pipelines.md; with --run: stdout, or run-<id>.svg|png)',
    )
    .option('--check', 'fail if the file is not up to date (for CI)', false)
    .option('--run <runId>', "one run's diagram with its path highlighted (needs the database)")
    .option('--format <format>', 'with --run: mermaid | svg | png (svg and png need Chromium)', 'mermaid')
    .action((options: { out?: string; check: boolean; run?: string; format: string }) => {
      if (!options.run) {
        return diagramCommand(new PipelineRegistry(cliContext('diagram').pipelines), {
          out: options.out ?? 'docs/pipelines.md',
          check: options.check,
        });
      }
      if (!['mermaid', 'svg', 'png'].includes(options.format)) {
        throw new CliError(`--format must be mermaid, svg or png, not ${options.format}`, 2);
      }
      return diagramRunCommand(cliContext('diagram', true), options.run, {
        format: options.format as RunDiagramFormat,
        out: options.out,
      });
    });

  program
    .command('run')
    .description('start a run of a pipeline')
    .argument('<pipeline>', 'pipeline id, e.g. hello-etl')
    .requiredOption('-i, --input <json|file>', 'the run input: inline JSON or a JSON file')
    .option('-k, --key <idempotency-key>', 'return the existing run if this key was used before')
    .option(
      '-w, --wait',
      'wait until the run finishes (needs a running worker); exit 1 unless it succeeds',
      false,
    )
    .option('--timeout <seconds>', 'with --wait: give up after this long', positiveInt, 300)
    .action((pipeline: string, options: { input: string; key?: string; wait: boolean; timeout: number }) =>
      runCommand(cliContext('run', true), pipeline, options),
    );

  program
    .command('fork')
    .description(
      'start a new run from a point of another one (a state it was in, or a version), optionally with an edited context',
    )
    .argument('<runId>', 'the run to fork (it is never changed)')
    .requiredOption(
      '--at <state|version>',
      'a state path (the last time the run was there) or a transition version',
    )
    .option(
      '--context <file>',
      'the context to start with: a JSON file (- for standard input); default: the one it had there',
    )
    .option('-r, --reason <text>', 'why (required to fork; kept in the audit trail)')
    .option('--current-version', "run on the pipeline's current version instead of the original run's", false)
    .option('--show', 'print the context the run had at that point and fork nothing', false)
    .action((runId: string, options: ForkOptions) => forkCommand(cliContext('fork', true), runId, options));

  program
    .command('ingest')
    .description('submit health-data files: .csv to lab-results-csv, .json to fhir-bundle')
    .argument('<files...>', 'files to ingest')
    .option('-p, --pipeline <id>', 'pipeline to use instead of the one the extension implies')
    .option('-k, --key <idempotency-key>', 'return the existing run if this key was used before')
    .option('-w, --wait', 'wait until each run finishes or waits for review; exit 1 if one fails', false)
    .option('--timeout <seconds>', 'with --wait: give up after this long', positiveInt, 300)
    .action((files: string[], options: { pipeline?: string; key?: string; wait: boolean; timeout: number }) =>
      ingestCommand(cliContext('ingest', true), files, options),
    );

  program
    .command('prune')
    .description(
      'delete finished runs (with their transitions, attempts and ingest records) and old quarantined records; audit rows stay',
    )
    .option(
      '--finished-before <age|date>',
      'runs that finished before this: an age (90d, 12h, 2w) or a date (2026-09-01)',
    )
    .option('--quarantined-before <age|date>', 'quarantined records created before this (age or date)')
    .option('-p, --pipeline <id...>', 'only runs of these pipelines')
    .option('--dry-run', 'count what would be deleted; delete nothing', false)
    .option('--batch-size <n>', 'runs per batch (one short transaction each)', positiveInt, 500)
    .addHelpText(
      'after',
      '\nRunning and waiting runs are never deleted. Every prune is recorded in the audit log (who, filter,\n' +
        'how many rows). The worker prunes daily when SIGNALBOX_RETENTION_DAYS is set (pipelines may set\n' +
        'their own `retention`); quarantined records go after SIGNALBOX_QUARANTINE_RETENTION_DAYS (30).\n\n' +
        'Examples:\n  signalbox prune --finished-before 90d --dry-run\n' +
        '  signalbox prune --finished-before 2026-06-01 --pipeline hello-etl\n',
    )
    .action((options: PruneOptions) => pruneCommand(cliContext('prune', true), options));

  program
    .command('status')
    .description('show a run: state, status, allowed actions, transitions and step attempts')
    .argument('<runId>', 'the run id')
    .option('--json', 'print JSON', false)
    .action((runId: string, options: { json: boolean }) =>
      statusCommand(cliContext('status', true), runId, options),
    );

  program
    .command('pause')
    .description('pause a pipeline: new runs are queued, running steps finish, no new step starts')
    .argument('<pipeline>', 'pipeline id, e.g. hello-etl')
    .requiredOption('-r, --reason <reason>', 'why (recorded in the audit log)')
    .action((pipeline: string, options: { reason: string }) =>
      pauseCommand(cliContext('pause', true), pipeline, options),
    );

  program
    .command('resume')
    .description('resume a paused pipeline: its queued runs and held steps start again, in order')
    .argument('<pipeline>', 'pipeline id')
    .option('-r, --reason <reason>', 'why (recorded in the audit log)')
    .action((pipeline: string, options: { reason?: string }) =>
      resumeCommand(cliContext('resume', true), pipeline, options),
    );

  program
    .command('paused')
    .description('list the paused pipelines: by whom, since when, why, how many runs are queued')
    .option('--json', 'print JSON', false)
    .action((options: { json: boolean }) => pausedCommand(cliContext('paused', true), options));

  program
    .command('problems')
    .description('the failure inbox: failed runs grouped by pipeline, failed state and error')
    .option('-s, --status <status>', 'open | new | acknowledged | resolved | ignored | all', 'open')
    .option('--json', 'print JSON', false)
    .action((options: { status: string; json: boolean }) =>
      problemsCommand(cliContext('problems', true), options),
    );

  program
    .command('seed')
    .description('start demo runs of the example pipelines')
    .action(() => seedCommand(cliContext('seed', true)));

  const user = program.command('user').description('manage the people who sign in to the console');
  user
    .command('create')
    .description('create a user; the password is read from stdin, or generated and printed once')
    .requiredOption('-e, --email <email>', 'their email address (their sign-in name)')
    .requiredOption('-r, --role <role>', 'viewer | operator | admin')
    .option('-n, --name <name>', 'display name')
    .action((options: { email: string; role: string; name?: string }) =>
      userCreateCommand(cliContext('user', true), options),
    );
  user
    .command('list')
    .description('list users with their role and active sessions')
    .action(() => userListCommand(cliContext('user', true)));

  const token = program.command('token').description('manage API tokens (Authorization: Bearer …)');
  token
    .command('create')
    .description('create a token with a role; printed once, stored hashed')
    .requiredOption('-n, --name <name>', 'what the token is for, e.g. ci-uploader')
    .requiredOption('-r, --role <role>', 'viewer | operator | admin')
    .action((options: { name: string; role: string }) =>
      tokenCreateCommand(cliContext('token', true), options),
    );
  token
    .command('list')
    .description('list tokens (never their secrets)')
    .action(() => tokenListCommand(cliContext('token', true)));
  token
    .command('revoke')
    .description('revoke a token at once')
    .argument('<id>', 'the token id (from `token list`)')
    .action((id: string) => tokenRevokeCommand(cliContext('token', true), id));

  return program;
}

import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { isTerminal } from '../../core/runs/transition/run-status';
import { getRun } from '../../db/queries/get-run';
import { getIngestSummary } from '../../health/ingest/get-ingest-summary';
import { submitIngestFile } from '../../health/ingest/submit-ingest-file';
import { type CliContext, CliError, withEngine } from '../context';

const BY_EXTENSION: Record<string, string> = { '.csv': 'lab-results-csv', '.json': 'fhir-bundle' };

export interface IngestOptions {
  pipeline?: string;
  key?: string;
  wait: boolean;
  timeout: number;
}

/**
 * `signalbox ingest <file>`: stores the file in PostgreSQL and starts an ingestion run on it
 * (lab-results-csv for .csv, fhir-bundle for .json, or `--pipeline`). With `--wait`, prints the
 * run's counts when it stops moving (finished, or waiting for review).
 */
export async function ingestCommand(ctx: CliContext, files: string[], options: IngestOptions): Promise<void> {
  for (const file of files) {
    if (!existsSync(file) || !statSync(file).isFile())
      throw new CliError(`'${file}' is not a readable file`, 2);
    if (!options.pipeline && !BY_EXTENSION[extname(file).toLowerCase()]) {
      throw new CliError(`'${file}': cannot tell the pipeline from the extension; pass --pipeline`, 2);
    }
  }
  if (options.key && files.length > 1) throw new CliError('--key needs a single file', 2);
  await withEngine(ctx, async (engine) => {
    for (const file of files) {
      const pipelineId = options.pipeline ?? BY_EXTENSION[extname(file).toLowerCase()]!;
      const { run, created } = await submitIngestFile(
        engine,
        {
          pipelineId,
          fileName: basename(file),
          content: createReadStream(file),
          idempotencyKey: options.key,
        },
        ctx.actor,
      );
      process.stdout.write(
        `${created ? 'started' : 'exists '} ${run.id}  ${pipelineId}  ${basename(file)}\n`,
      );
      if (!options.wait) continue;
      const deadline = Date.now() + options.timeout * 1000;
      let current = run;
      while (current.status === 'running') {
        if (Date.now() > deadline) {
          throw new CliError(
            `run ${run.id} still in '${current.state}' after ${options.timeout}s (is a worker running?)`,
          );
        }
        await new Promise((r) => setTimeout(r, 250));
        current = (await getRun(engine.db, run.id)) ?? current;
      }
      const { counts } = await getIngestSummary(engine, run.id, ctx.actor);
      process.stdout.write(
        `${current.state.padEnd(16)} received ${counts.received}, valid ${counts.valid}, quarantined ${counts.quarantined}, ` +
          `loaded ${counts.loaded}, duplicates ${counts.duplicates}\n`,
      );
      if (current.status === 'waiting')
        process.stdout.write('  waiting for review: approve or reject it in the console\n');
      if (isTerminal(current.status) && current.status !== 'succeeded') process.exitCode = 1;
    }
  });
}

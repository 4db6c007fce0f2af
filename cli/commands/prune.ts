import { AppError } from '../../core/errors';
import { pruneQuarantine } from '../../core/retention/prune-quarantine';
import { pruneRuns } from '../../core/retention/prune-runs';
import { retentionCutoff } from '../../core/retention/retention-cutoff';
import { type CliContext, CliError, withEngine } from '../context';

export interface PruneOptions {
  finishedBefore?: string;
  quarantinedBefore?: string;
  pipeline?: string[];
  dryRun: boolean;
  batchSize: number;
}

const n = (value: number) => value.toLocaleString('en-US');

/**
 * `signalbox prune`: deletes finished runs (and/or old quarantined records) in small batches,
 * printing progress; `--dry-run` only counts. Audited as the CLI.
 */
export async function pruneCommand(ctx: CliContext, options: PruneOptions): Promise<void> {
  if (!options.finishedBefore && !options.quarantinedBefore) {
    throw new CliError(
      'say what to prune: --finished-before <age|date> and/or --quarantined-before <age|date>',
      2,
    );
  }
  let finishedBefore: Date | undefined;
  let quarantinedBefore: Date | undefined;
  try {
    finishedBefore = options.finishedBefore ? retentionCutoff(options.finishedBefore) : undefined;
    quarantinedBefore = options.quarantinedBefore ? retentionCutoff(options.quarantinedBefore) : undefined;
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message, 2);
    throw error;
  }
  await withEngine(ctx, async (engine) => {
    const pipelineIds = options.pipeline?.length ? options.pipeline : undefined;
    for (const id of pipelineIds ?? []) {
      if (!engine.registry.list().some((pipeline) => pipeline.id === id)) {
        ctx.logger.warn({ pipelineId: id }, 'not a registered pipeline: pruning its runs anyway');
      }
    }
    const out = (line: string) => process.stdout.write(`${line}\n`);
    if (finishedBefore) {
      const started = Date.now();
      const result = await pruneRuns(
        engine,
        {
          finishedBefore,
          pipelineIds,
          dryRun: options.dryRun,
          batchSize: options.batchSize,
          onProgress: (totals) => {
            if (process.stderr.isTTY) process.stderr.write(`\rpruned ${n(totals.runs)} runs…`);
          },
        },
        ctx.actor,
      );
      if (process.stderr.isTTY && !options.dryRun) process.stderr.write('\n');
      const scope = pipelineIds ? ` of ${pipelineIds.join(', ')}` : '';
      if (result.dryRun) {
        out(
          `would delete ${n(result.runs)} finished runs${scope} that finished before ${result.finishedBefore}`,
        );
        for (const row of result.byPipeline ?? []) out(`  ${row.pipelineId.padEnd(24)} ${n(row.runs)}`);
      } else {
        out(
          `deleted ${n(result.runs)} finished runs${scope} that finished before ${result.finishedBefore} ` +
            `in ${((Date.now() - started) / 1000).toFixed(1)} s (${n(result.batches)} batches): ` +
            `${n(result.transitions)} transitions, ${n(result.attempts)} step attempts, ` +
            `${n(result.ingestRecords)} ingest records, ${n(result.quarantinedRecords)} quarantined records`,
        );
      }
    }
    if (quarantinedBefore) {
      const result = await pruneQuarantine(
        engine,
        { createdBefore: quarantinedBefore, dryRun: options.dryRun },
        ctx.actor,
      );
      out(
        `${result.dryRun ? 'would delete' : 'deleted'} ${n(result.quarantinedRecords)} quarantined records ` +
          `created before ${result.createdBefore}`,
      );
    }
  });
}

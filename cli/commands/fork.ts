import { readFileSync } from 'node:fs';
import { loadRun } from '../../core/runs/find-run';
import { contextAt, type ForkAt } from '../../core/runs/fork/context-at';
import { forkRun } from '../../core/runs/fork/fork-run';
import { type CliContext, CliError, withEngine } from '../context';

/** `--at 3` is a transition (run version); anything else a state path. */
export function parseForkAt(value: string): ForkAt {
  const trimmed = value.trim();
  if (!trimmed) throw new CliError('--at: give a state (e.g. transforming) or a version (e.g. 3)', 2);
  return /^\d+$/.test(trimmed) ? { version: Number(trimmed) } : { state: trimmed };
}

/** `--context` is the path of a JSON file (`-` reads standard input). */
export function readContextFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new CliError(`--context: cannot read '${path}' (${(error as NodeJS.ErrnoException).code})`, 2);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`--context: '${path}' is not valid JSON (${(error as Error).message})`, 2);
  }
}

export interface ForkOptions {
  at: string;
  context?: string;
  reason?: string;
  currentVersion: boolean;
  show: boolean;
}

/**
 * `signalbox fork <runId> --at <state|version>`: prints the context the run had there (`--show`),
 * or starts a new run from there, with that context or the one in `--context`.
 */
export async function forkCommand(ctx: CliContext, runId: string, options: ForkOptions): Promise<void> {
  const at = parseForkAt(options.at);
  const context = options.context === undefined ? undefined : readContextFile(options.context);
  await withEngine(ctx, async (engine) => {
    if (options.show) {
      const point = await contextAt(engine, await loadRun(engine, runId), at);
      process.stdout.write(`${JSON.stringify(point.context, null, 2)}\n`);
      process.stderr.write(`run ${runId} at version ${point.version}, state ${point.state}\n`);
      return;
    }
    if (!options.reason?.trim()) throw new CliError('--reason is required: say why you fork this run', 2);
    const { run, diffSize, point } = await forkRun(
      engine,
      runId,
      {
        at,
        context,
        reason: options.reason,
        pipelineVersion: options.currentVersion ? 'current' : 'original',
      },
      ctx.actor,
    );
    process.stdout.write(
      `forked  ${run.id}  ${run.pipelineId} v${run.pipelineVersion}  ${run.state}  ${run.status}  (from ${runId} at version ${point.version}${context === undefined ? '' : `, ${diffSize} change${diffSize === 1 ? '' : 's'} to the context`})\n`,
    );
  });
}

import { existsSync, readFileSync } from 'node:fs';
import { startRun } from '../../core/runs/start-run';
import { isTerminal } from '../../core/runs/transition/run-status';
import { getRun } from '../../db/queries/get-run';
import { type CliContext, CliError, withEngine } from '../context';

/** `--input` is inline JSON or the path of a JSON file. */
export function readInput(value: string): unknown {
  const trimmed = value.trim();
  const looksInline = trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"');
  if (!looksInline && !existsSync(value)) {
    throw new CliError(`--input: '${value}' is neither JSON nor a readable file`, 2);
  }
  const text = looksInline ? trimmed : readFileSync(value, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`--input: invalid JSON (${(error as Error).message})`, 2);
  }
}

export async function runCommand(
  ctx: CliContext,
  pipelineId: string,
  options: { input: string; key?: string; wait: boolean; timeout: number },
): Promise<void> {
  const input = readInput(options.input);
  await withEngine(ctx, async (engine) => {
    const { run, created } = await startRun(
      engine,
      { pipelineId, input, idempotencyKey: options.key },
      ctx.actor,
    );
    process.stdout.write(
      `${created ? 'started' : 'exists  '} ${run.id}  ${run.pipelineId}  ${run.state}  ${run.status}\n`,
    );
    if (!options.wait) return;
    const deadline = Date.now() + options.timeout * 1000;
    let current = run;
    while (!isTerminal(current.status)) {
      if (Date.now() > deadline)
        throw new CliError(
          `run ${run.id} still ${current.status} in '${current.state}' after ${options.timeout}s`,
        );
      await new Promise((r) => setTimeout(r, 250));
      current = (await getRun(engine.db, run.id)) ?? current;
    }
    process.stdout.write(`${current.status.padEnd(8)} ${current.id}  ${current.state}\n`);
    if (current.status !== 'succeeded') process.exitCode = 1;
  });
}

import { getRunPage } from '../../core/runs/get-run-page';
import { type CliContext, withEngine } from '../context';

const time = (iso: string) => iso.replace('T', ' ').slice(0, 23);

/** Prints a run: state, status, allowed actions, its transitions and step attempts (the run page's read). */
export async function statusCommand(
  ctx: CliContext,
  runId: string,
  options: { json: boolean },
): Promise<void> {
  await withEngine(ctx, async (engine) => {
    const { run, transitions, attempts } = await getRunPage(engine, runId, ctx.actor);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ run, transitions, attempts }, null, 2)}\n`);
      return;
    }
    const out = [
      `run       ${run.id}`,
      `pipeline  ${run.pipelineId} v${run.pipelineVersion}`,
      `state     ${run.state}`,
      `status    ${run.status}   (version ${run.version})`,
      `allowed   ${run.allowedActions.join(', ') || '-'}`,
      ...(run.definitionError ? [`problem   ${run.definitionError}`] : []),
      ...(run.error ? [`error     ${run.error.message ?? JSON.stringify(run.error)}`] : []),
      '',
      'transitions',
      ...transitions.map(
        (t) =>
          `  ${time(t.at)}  ${(t.fromState ?? '·').padEnd(24)} --${t.event}--> ${t.toState}  (${t.actor}${t.durationMs === null ? '' : `, ${t.durationMs} ms`})`,
      ),
      '',
      'attempts',
      ...attempts.map(
        (a) =>
          `  ${time(a.startedAt)}  ${a.state.padEnd(24)} #${a.attempt} ${a.outcome}${a.error ? `: ${a.error.message}` : ''}`,
      ),
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  });
}

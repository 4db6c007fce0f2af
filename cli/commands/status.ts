import { getRunDetails } from '../../core/runs/get-run-details';
import { listAttempts } from '../../db/queries/list-attempts';
import { listTransitions } from '../../db/queries/list-transitions';
import { type CliContext, withEngine } from '../context';

const time = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 23);

/** Prints a run: state, status, allowed actions, its transitions and step attempts. */
export async function statusCommand(
  ctx: CliContext,
  runId: string,
  options: { json: boolean },
): Promise<void> {
  await withEngine(ctx, async (engine) => {
    const details = await getRunDetails(engine, runId);
    const [transitions, attempts] = await Promise.all([
      listTransitions(engine.db, runId),
      listAttempts(engine.db, runId),
    ]);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ ...details, transitions, attempts }, null, 2)}\n`);
      return;
    }
    const { run } = details;
    const out = [
      `run       ${run.id}`,
      `pipeline  ${run.pipelineId} v${run.pipelineVersion}`,
      `state     ${run.state}`,
      `status    ${run.status}   (version ${run.version})`,
      `allowed   ${details.allowedActions.join(', ') || '-'}`,
      ...(details.definitionError ? [`problem   ${details.definitionError}`] : []),
      ...(run.error
        ? [`error     ${(run.error as { message?: string }).message ?? JSON.stringify(run.error)}`]
        : []),
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
          `  ${time(a.startedAt)}  ${a.state.padEnd(24)} #${a.attempt} ${a.outcome}${a.error ? `: ${(a.error as { message?: string }).message}` : ''}`,
      ),
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  });
}

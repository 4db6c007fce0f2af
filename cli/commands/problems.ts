import { ProblemListQuerySchema } from '../../contracts/problems';
import { listProblems } from '../../core/problems/list-problems';
import { type CliContext, CliError, withEngine } from '../context';

/** `signalbox problems [--status s]`: the failure inbox, newest failure first. */
export async function problemsCommand(
  ctx: CliContext,
  options: { status: string; json: boolean },
): Promise<void> {
  const parsed = ProblemListQuerySchema.safeParse({ status: options.status, limit: 200 });
  if (!parsed.success) {
    throw new CliError('--status must be open, new, acknowledged, resolved, ignored or all', 2);
  }
  await withEngine(ctx, async (engine) => {
    const list = await listProblems(engine, ctx.actor, parsed.data);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      return;
    }
    if (list.problems.length === 0) {
      process.stdout.write(`no ${options.status === 'all' ? '' : `${options.status} `}problems\n`);
      return;
    }
    for (const p of list.problems) {
      process.stdout.write(
        `#${String(p.id).padEnd(5)} ${p.status.padEnd(12)} ${`${p.pipelineId}/${p.failedState}`.padEnd(32)} ` +
          `${String(p.occurrences).padStart(5)}× (${p.failedRuns} failed now)  last ${p.lastSeenAt}  ${p.signature ?? p.errorName}\n`,
      );
    }
  });
}

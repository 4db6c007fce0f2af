import { listPipelinePauses } from '../../core/controls/list-pipeline-pauses';
import { pausePipeline } from '../../core/controls/pause-pipeline';
import { resumePipeline } from '../../core/controls/resume-pipeline';
import { type CliContext, withEngine } from '../context';

/** `signalbox pause <pipeline> -r <reason>`: new runs queue, no new step starts (audited as the CLI). */
export async function pauseCommand(
  ctx: CliContext,
  pipelineId: string,
  options: { reason: string },
): Promise<void> {
  await withEngine(ctx, async (engine) => {
    const pause = await pausePipeline(engine, pipelineId, { reason: options.reason }, ctx.actor);
    process.stdout.write(
      `${pause.pipelineId} paused at ${pause.pausedAt}: new runs are queued, running steps finish\n`,
    );
  });
}

/** `signalbox resume <pipeline>`: held steps and queued runs start again, in order. */
export async function resumeCommand(
  ctx: CliContext,
  pipelineId: string,
  options: { reason?: string },
): Promise<void> {
  await withEngine(ctx, async (engine) => {
    const released = await resumePipeline(engine, pipelineId, { reason: options.reason }, ctx.actor);
    process.stdout.write(
      `${pipelineId} resumed: ${released.releasedRuns} queued runs and ${released.releasedSteps} held steps released\n`,
    );
  });
}

/** `signalbox paused`: the paused pipelines, by whom, since when, why. */
export async function pausedCommand(ctx: CliContext, options: { json: boolean }): Promise<void> {
  await withEngine(ctx, async (engine) => {
    const pauses = await listPipelinePauses(engine, ctx.actor);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(pauses, null, 2)}\n`);
      return;
    }
    if (pauses.length === 0) {
      process.stdout.write('no pipeline is paused\n');
      return;
    }
    for (const p of pauses) {
      process.stdout.write(
        `${p.pipelineId.padEnd(20)} paused by ${p.pausedBy} since ${p.pausedAt}, ${p.queuedRuns} queued: ${p.reason}\n`,
      );
    }
  });
}

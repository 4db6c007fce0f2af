import { beforeAll, describe, expect, it } from 'vitest';
import { documentReview } from '../../pipelines/document-review/document-review.pipeline';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { actor } from '../../test-support/test-actors';
import { inState, waitForRun } from '../../test-support/test-engine';
import { getRunPage } from './get-run-page';
import { startRun } from './start-run';

let runId: string;

const fx = setUpTestEngine([documentReview], { worker: true });

beforeAll(async () => {
  const { run } = await startRun(
    fx.engine,
    { pipelineId: 'document-review', input: { documentId: 'D-1', title: 'Report', stepDelayMs: 0 } },
    actor('dana'),
  );
  runId = run.id;
  await waitForRun(fx.engine, runId, inState('awaiting_approval'));
});

const getRunView = async (id: string) => (await getRunPage(fx.engine, id, actor('test'))).run;
const getRunTransitions = async (id: string) => (await getRunPage(fx.engine, id, actor('test'))).transitions;
const getRunAttempts = async (id: string) => (await getRunPage(fx.engine, id, actor('test'))).attempts;

describe('getRunPage: the run', () => {
  it('says what the run is, what may be done now, and where it has been', async () => {
    const view = await getRunView(runId);
    expect(view).toMatchObject({
      id: runId,
      pipelineId: 'document-review',
      pipelineTitle: 'Document review',
      state: 'awaiting_approval',
      status: 'waiting',
      version: 4,
      allowedActions: ['cancel', 'approve', 'reject'],
      allowedEvents: ['approve', 'reject'],
      pipelineEvents: ['approve', 'reject'],
      input: { documentId: 'D-1', title: 'Report', stepDelayMs: 0 },
      context: { documentId: 'D-1', category: expect.any(String) },
      definitionError: null,
      finishedAt: null,
    });
    expect(view.highlight).toEqual({
      current: ['awaiting_approval'],
      visited: ['checks.classifying', 'checks.scanning', 'intake'],
      failed: [],
    });
    expect(view.diagram).toContain('class awaiting_approval current');
    expect(view.diagram).toContain('class checks__scanning visited');
    expect(Date.parse(view.createdAt)).not.toBeNaN();
  });

  it('is RUN_NOT_FOUND (404) for an unknown or malformed id', async () => {
    await expect(getRunView('00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({
      status: 404,
    });
    await expect(getRunView('nope')).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
  });
});

describe('getRunPage: the run history', () => {
  it('lists the transitions oldest first, with actor and time spent', async () => {
    const transitions = await getRunTransitions(runId);
    expect(transitions.map((t) => [t.event, t.fromState, t.toState, t.actor])).toEqual([
      ['signalbox.start', null, 'intake', 'dana'],
      ['step.intake.done', 'intake', 'checks.scanning', 'worker'],
      ['step.scan.done', 'checks.scanning', 'checks.classifying', 'worker'],
      ['step.classify.done', 'checks.classifying', 'awaiting_approval', 'worker'],
    ]);
    expect(transitions[0]!.durationMs).toBeNull();
    expect(transitions[1]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(transitions[1]!.at)).not.toBeNaN();
  });

  it('lists the step attempts with their outcome and stored log lines', async () => {
    const attempts = await getRunAttempts(runId);
    expect(attempts.map((a) => [a.state, a.step, a.attempt, a.outcome])).toEqual([
      ['intake', 'intake', 1, 'succeeded'],
      ['checks.scanning', 'scan', 1, 'succeeded'],
      ['checks.classifying', 'classify', 1, 'succeeded'],
    ]);
    expect(attempts[0]!.logs).toEqual([
      expect.objectContaining({ level: 'info', msg: expect.stringContaining('pages') }),
    ]);
    expect(attempts[0]!.endedAt).not.toBeNull();
  });

  it('is RUN_NOT_FOUND (404) for an unknown run, not an empty list', async () => {
    await expect(getRunTransitions('00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({
      status: 404,
    });
    await expect(getRunAttempts('nope')).rejects.toMatchObject({ status: 404 });
  });
});

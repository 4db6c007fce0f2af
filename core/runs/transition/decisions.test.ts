import { describe, expect, it } from 'vitest';
import type { StateValue } from 'xstate';
import type { RunRecord } from '../../../db/queries/run-record';
import { documentReview } from '../../../pipelines/document-review/document-review.pipeline';
import { fhirBundle } from '../../../pipelines/fhir-bundle/fhir-bundle.pipeline';
import { helloEtl } from '../../../pipelines/hello-etl/hello-etl.pipeline';
import { ingestInbox } from '../../../pipelines/ingest-inbox/ingest-inbox.pipeline';
import { labResultsCsv } from '../../../pipelines/lab-results-csv/lab-results-csv.pipeline';
import { type Pipeline, stepStates } from '../../definition/define-pipeline';
import type { StepJobPayload } from '../../engine';
import { restore, start, stateLabel } from '../../machine/machine-snapshot';
import { allowedActions } from './allowed-actions';
import { decideOperatorCommand, type OperatorCommand } from './decide-operator-command';
import { decideStart } from './decide-start';
import { decideStepOutcome } from './decide-step-outcome';
import { decideStepRetry } from './decide-step-retry';
import { planSteps } from './plan-steps';
import type { Decision } from './run-change';
import { NO_FAILURE, snapshotUpdate } from './snapshot-update';

/**
 * Every decision of every example pipeline, without a database: for each state a run can rest in,
 * every step outcome, every operator event and both commands. A table lists what each state
 * accepts (`to-state/status`); everything it does not list must be refused (operator inputs) or
 * stale (step outcomes of steps not active there).
 */

type Expected = Record<string, string>;
interface Case {
  pipeline: Pipeline;
  input: unknown;
  /** Output of each step's `done` event. */
  outputs: Record<string, unknown>;
  /** Resting state → what it accepts. Inputs: `done:<step>`, `failed:<step>`, `event:<type>`, `retry`, `cancel`. */
  accepts: Record<string, Expected>;
  /**
   * Step state → where a run that failed there goes on `retry` and `cancel` (a machine with its own
   * `cancel` transition takes it even from its failed state; others stay there, cancelled).
   */
  afterFailure: Record<string, { retry: string; cancel: string }>;
}

const clean = { received: 10, valid: 10, quarantined: 0, loaded: 0, duplicates: 0 };
const file = { id: '00000000-0000-4000-8000-000000000001', name: 'a.csv', sha256: 'a'.repeat(64), bytes: 10 };
const ingestOutputs = {
  receive: { bytes: 10 },
  parse: { counts: clean },
  validate: { counts: clean },
  normalize: { counts: clean, converted: 0 },
  deduplicate: { counts: clean },
  load: { counts: { ...clean, loaded: 10 } },
};
const ingestAccepts = (): Record<string, Expected> => ({
  received: {
    'done:receive': 'parsing/running',
    'failed:receive': 'failed/failed',
    'event:cancel': 'cancelled/cancelled',
    cancel: 'cancelled/cancelled',
  },
  parsing: {
    'done:parse': 'validating/running',
    'failed:parse': 'failed/failed',
    'event:cancel': 'cancelled/cancelled',
    cancel: 'cancelled/cancelled',
  },
  validating: {
    'done:validate': 'normalizing/running',
    'failed:validate': 'failed/failed',
    'event:cancel': 'cancelled/cancelled',
    cancel: 'cancelled/cancelled',
  },
  awaiting_review: {
    'event:approve': 'normalizing/running',
    'event:reject': 'rejected/cancelled',
    'event:cancel': 'cancelled/cancelled',
    cancel: 'cancelled/cancelled',
  },
  normalizing: {
    'done:normalize': 'deduplicating/running',
    'failed:normalize': 'failed/failed',
    'event:cancel': 'cancelled/cancelled',
    cancel: 'cancelled/cancelled',
  },
  deduplicating: {
    'done:deduplicate': 'loading/running',
    'failed:deduplicate': 'failed/failed',
    'event:cancel': 'cancelled/cancelled',
    cancel: 'cancelled/cancelled',
  },
  loading: {
    'done:load': 'completed/succeeded',
    'failed:load': 'failed/failed',
    'event:cancel': 'cancelled/cancelled',
    cancel: 'cancelled/cancelled',
  },
  completed: {},
  rejected: {},
  failed: {},
  cancelled: {},
});
const ingestAfterFailure = Object.fromEntries(
  ['received', 'parsing', 'validating', 'normalizing', 'deduplicating', 'loading'].map((s) => [
    s,
    { retry: `${s}/running`, cancel: 'cancelled/cancelled' },
  ]),
);

const CASES: Case[] = [
  {
    pipeline: helloEtl,
    input: { source: 's' },
    outputs: { extract: { rows: 3 }, transform: { rows: 3 }, load: { rows: 3 } },
    accepts: {
      extracting: {
        'done:extract': 'transforming/running',
        'failed:extract': 'failed/failed',
        cancel: 'extracting/cancelled',
      },
      transforming: {
        'done:transform': 'loading/running',
        'failed:transform': 'failed/failed',
        cancel: 'transforming/cancelled',
      },
      loading: { 'done:load': 'done/succeeded', 'failed:load': 'failed/failed', cancel: 'loading/cancelled' },
      done: {},
      failed: {},
    },
    afterFailure: {
      extracting: { retry: 'extracting/running', cancel: 'failed/cancelled' },
      transforming: { retry: 'transforming/running', cancel: 'failed/cancelled' },
      loading: { retry: 'loading/running', cancel: 'failed/cancelled' },
    },
  },
  {
    pipeline: documentReview,
    input: { documentId: 'D-1', title: 'T' },
    outputs: { intake: { pages: 2 }, scan: { clean: true }, classify: { category: 'memo' }, publish: null },
    accepts: {
      intake: {
        'done:intake': 'checks.scanning/running',
        'failed:intake': 'failed/failed',
        'event:cancel': 'cancelled/cancelled',
        cancel: 'cancelled/cancelled',
      },
      'checks.scanning': {
        'done:scan': 'checks.classifying/running',
        'failed:scan': 'failed/failed',
        'event:cancel': 'cancelled/cancelled',
        cancel: 'cancelled/cancelled',
      },
      'checks.classifying': {
        'done:classify': 'awaiting_approval/waiting',
        'failed:classify': 'failed/failed',
        'event:cancel': 'cancelled/cancelled',
        cancel: 'cancelled/cancelled',
      },
      awaiting_approval: {
        'event:approve': 'publishing/running',
        'event:reject': 'rejected/succeeded',
        'event:cancel': 'cancelled/cancelled',
        cancel: 'cancelled/cancelled',
      },
      publishing: {
        'done:publish': 'published/succeeded',
        'failed:publish': 'failed/failed',
        'event:cancel': 'cancelled/cancelled',
        cancel: 'cancelled/cancelled',
      },
      published: {},
      rejected: {},
      failed: {},
      cancelled: {},
    },
    afterFailure: {
      intake: { retry: 'intake/running', cancel: 'cancelled/cancelled' },
      'checks.scanning': { retry: 'checks.scanning/running', cancel: 'cancelled/cancelled' },
      'checks.classifying': { retry: 'checks.classifying/running', cancel: 'cancelled/cancelled' },
      publishing: { retry: 'publishing/running', cancel: 'cancelled/cancelled' },
    },
  },
  {
    pipeline: labResultsCsv,
    input: { file },
    outputs: ingestOutputs,
    accepts: ingestAccepts(),
    afterFailure: ingestAfterFailure,
  },
  {
    pipeline: fhirBundle,
    input: { file },
    outputs: ingestOutputs,
    accepts: ingestAccepts(),
    afterFailure: ingestAfterFailure,
  },
  {
    pipeline: ingestInbox,
    input: { inboxDir: '/tmp/inbox' },
    outputs: { poll: { started: 1, known: 0, left: 0 } },
    accepts: {
      polling: {
        'done:poll': 'done/succeeded',
        'failed:poll': 'failed/failed',
        'event:cancel': 'cancelled/cancelled',
        cancel: 'cancelled/cancelled',
      },
      done: {},
      failed: {},
      cancelled: {},
    },
    afterFailure: { polling: { retry: 'polling/running', cancel: 'cancelled/cancelled' } },
  },
];

const OPERATOR_EVENTS = ['approve', 'reject', 'cancel', 'publish'];

/** A run resting in `label` at version 1, with its step (if any) on its first attempt. */
function runAt(pipeline: Pipeline, input: unknown, label: string): RunRecord {
  const context = start(pipeline, pipeline.input.parse(input)).context;
  const [head, ...rest] = label.split('.');
  const value: StateValue = rest.length ? { [head!]: rest.join('.') } : head!;
  const snapshot = pipeline.machine.resolveState({ value, context });
  const update = snapshotUpdate(snapshot, planSteps(pipeline, snapshot, {}, {}, 1), NO_FAILURE);
  const at = new Date('2026-01-01T00:00:00Z');
  return {
    id: '00000000-0000-4000-8000-00000000000a',
    pipelineId: pipeline.id,
    pipelineVersion: pipeline.version,
    input,
    idempotencyKey: null,
    ...update,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

const payloadFor = (run: RunRecord, state: string): StepJobPayload => ({
  runId: run.id,
  state,
  since: run.activeSteps[state]?.since ?? 1,
  attempt: run.activeSteps[state]?.attempt ?? 1,
});

const failure = { message: 'boom', name: 'Error', attempts: 3, timedOut: false };

function describeDecision(decision: Decision): string {
  switch (decision.kind) {
    case 'change':
      return `${decision.change.update.state}/${decision.change.update.status}`;
    case 'refused':
      return `refused:${decision.error.code}`;
    case 'stale':
      return 'stale';
  }
}

function commandFor(input: string): OperatorCommand {
  if (input === 'retry' || input === 'cancel') return { kind: input };
  return { kind: 'event', type: input.slice('event:'.length) };
}

describe.each(CASES)('$pipeline.id', ({ pipeline, input, outputs, accepts, afterFailure }) => {
  const steps = stepStates(pipeline.machine);

  it('starts in its first step state', () => {
    const first = decideStart(pipeline, pipeline.input.parse(input));
    const [initial] = Object.keys(accepts);
    expect(`${first.update.state}/${first.update.status}`).toBe(`${initial}/running`);
    expect(first.enqueue).toEqual([initial]);
  });

  const rows: [string, string, string][] = [];
  for (const [state, accepted] of Object.entries(accepts)) {
    const inputs = [
      ...steps.flatMap(({ step }) => [`done:${step}`, `failed:${step}`]),
      ...OPERATOR_EVENTS.map((e) => `event:${e}`),
      'retry',
      'cancel',
    ];
    for (const key of inputs) {
      const isStep = key.startsWith('done:') || key.startsWith('failed:');
      rows.push([state, key, accepted[key] ?? (isStep ? 'stale' : 'refused:TRANSITION_NOT_ALLOWED')]);
    }
  }

  it.each(rows)('in %s, %s → %s', (state, key, expected) => {
    const run = runAt(pipeline, input, state);
    let decision: Decision;
    if (key.startsWith('done:') || key.startsWith('failed:')) {
      const [kind, step] = key.split(':') as ['done' | 'failed', string];
      const path = steps.find((s) => s.step === step)!.path;
      const outcome =
        kind === 'done' ? { ok: true as const, output: outputs[step] } : { ok: false as const, failure };
      decision = decideStepOutcome(pipeline, run, payloadFor(run, path), outcome);
    } else {
      decision = decideOperatorCommand(pipeline, run, commandFor(key));
    }
    expect(describeDecision(decision)).toBe(expected);
    if (decision.kind === 'change' && key.startsWith('failed:')) {
      expect(decision.change.update).toMatchObject({
        error: { kind: 'step_failed', state },
        failedState: state,
      });
    }
  });

  it.each(Object.entries(afterFailure))(
    'a run that failed in %s can be retried there or cancelled',
    (state, expected) => {
      const run = runAt(pipeline, input, state);
      const step = steps.find((s) => s.path === state)!.step;
      const failed = decideStepOutcome(pipeline, run, payloadFor(run, state), { ok: false, failure });
      if (failed.kind !== 'change') throw new Error(`expected a change, got ${failed.kind}`);
      const failedRun: RunRecord = { ...run, ...failed.change.update, version: 2 };
      expect(failedRun.retryFrom).not.toBeNull();
      expect(failedRun.error).toMatchObject({ kind: 'step_failed', step, state, message: 'boom' });

      const retried = decideOperatorCommand(pipeline, failedRun, { kind: 'retry' });
      expect(describeDecision(retried)).toBe(expected.retry);
      if (retried.kind === 'change') {
        expect(retried.change.enqueue).toEqual([state]);
        expect(retried.change.update).toMatchObject({ error: null, retryFrom: null, failedState: null });
        expect(stateLabel(retried.change.update.stateValue)).toBe(state);
      }
      expect(describeDecision(decideOperatorCommand(pipeline, failedRun, { kind: 'cancel' }))).toBe(
        expected.cancel,
      );
      expect(
        describeDecision(decideOperatorCommand(pipeline, failedRun, { kind: 'event', type: 'approve' })),
      ).toBe('refused:TRANSITION_NOT_ALLOWED');
    },
  );
});

describe('decisions that do not depend on the pipeline', () => {
  it('refuse engine events sent by an operator', () => {
    const run = runAt(helloEtl, { source: 's' }, 'extracting');
    const decision = decideOperatorCommand(helloEtl, run, { kind: 'event', type: 'step.extract.done' });
    expect(describeDecision(decision)).toBe('refused:EVENT_RESERVED');
  });

  it('take no event for a run waiting for a concurrency slot (it has not started), but cancel it', () => {
    const run = {
      ...runAt(documentReview, { documentId: 'D', title: 'T' }, 'awaiting_approval'),
      status: 'queued' as const,
    };
    expect(decideOperatorCommand(documentReview, run, { kind: 'event', type: 'approve' }).kind).toBe(
      'change',
    );
    const waiting = { ...run, slotSeq: 7 };
    expect(
      describeDecision(decideOperatorCommand(documentReview, waiting, { kind: 'event', type: 'approve' })),
    ).toBe('refused:TRANSITION_NOT_ALLOWED');
    expect(describeDecision(decideOperatorCommand(documentReview, waiting, { kind: 'cancel' }))).toMatch(
      /cancelled$/,
    );
    const snapshot = restore(documentReview, waiting.snapshot, waiting.id);
    expect(allowedActions(waiting, snapshot)).toEqual(['cancel']);
  });

  it('refuse a snapshot that no longer fits its definition', () => {
    const run = {
      ...runAt(helloEtl, { source: 's' }, 'extracting'),
      snapshot: { value: 'gone', context: {}, status: 'active' as const },
    };
    expect(describeDecision(decideOperatorCommand(helloEtl, run, { kind: 'cancel' }))).toBe(
      'refused:SNAPSHOT_INCOMPATIBLE',
    );
  });

  it('treat a step job of an older attempt or entry as stale', () => {
    const run = runAt(helloEtl, { source: 's' }, 'extracting');
    const done = { ok: true as const, output: { rows: 1 } };
    const old = { ...payloadFor(run, 'extracting'), attempt: 0 };
    expect(decideStepOutcome(helloEtl, run, old, done).kind).toBe('stale');
    expect(decideStepOutcome(helloEtl, undefined, payloadFor(run, 'extracting'), done).kind).toBe('stale');
  });

  it('schedule the next attempt of the same step instance, without a transition', () => {
    const run = runAt(helloEtl, { source: 's' }, 'extracting');
    const decision = decideStepRetry(run, payloadFor(run, 'extracting'), 1_000);
    if (decision.kind !== 'change') throw new Error('expected a change');
    expect(decision.change.event).toBeUndefined();
    expect(decision.change.enqueue).toEqual(['extracting']);
    expect(decision.change.update.activeSteps.extracting).toMatchObject({
      attempt: 2,
      firstAttempt: 1,
      since: 1,
    });
    expect(decision.change.update.state).toBe('extracting');
    expect(decision.change.runAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it('end a run failed, without a retry point, when a step succeeds into a failed state', () => {
    const run = runAt(documentReview, { documentId: 'D', title: 'T' }, 'checks.scanning');
    // A scan that finds the document unclean: its guard is false and the fallback goes to failed.
    const decision = decideStepOutcome(documentReview, run, payloadFor(run, 'checks.scanning'), {
      ok: true,
      output: { clean: false },
    });
    expect(describeDecision(decision)).toBe('failed/failed');
    if (decision.kind === 'change') {
      expect(decision.change.update).toMatchObject({ retryFrom: null, failedState: 'checks.scanning' });
    }
  });
});

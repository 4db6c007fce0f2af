import type { AnyStateMachine, ContextFrom, EventFromLogic } from 'xstate';
import type { z } from 'zod';
import { type BackoffPolicy, DEFAULT_BACKOFF } from './backoff';
import type { Capability } from './capability';
import { checkMachine } from './check-machine';
import { withDurationDelays } from './delays';

/** Log lines written through this logger are stored with the step attempt (never put payload data in them). */
export interface StepLogger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** What a step handler receives. */
export interface StepContext<TInput = unknown, TContext = unknown> {
  runId: string;
  /** The state path that runs this step, e.g. `checks.scanning`. */
  state: string;
  input: TInput;
  /** The machine context when the step was started. */
  context: TContext;
  /** 1 for the first try in this entry of the state, 2 for the first retry... */
  attempt: number;
  /** Aborted on timeout, on cancel and on worker shutdown: pass it to fetch() and friends. */
  signal: AbortSignal;
  log: StepLogger;
  /** `runId:state:attempt`, unique per attempt: pass it to external systems that deduplicate. */
  idempotencyKey: string;
  /**
   * A capability the engine makes for this step (e.g. a domain's store). Its writes are not part of
   * the transition's transaction: make them idempotent (upserts keyed by data).
   */
  use<T>(capability: Capability<T>): T;
  /** Starts a run of another pipeline (as the worker), e.g. one per file found. */
  startRun(request: { pipelineId: string; input: unknown; idempotencyKey?: string }): Promise<StartedRun>;
}

/** What `ctx.startRun` answers: the run, and whether it is new (false for a repeated idempotency key). */
export interface StartedRun {
  runId: string;
  state: string;
  created: boolean;
}

export interface StepDefinition<TInput = any, TContext = any, TOutput = unknown> {
  /** The handler; its return value reaches the machine as `step.<name>.done` `output`. */
  run(ctx: StepContext<TInput, TContext>): Promise<TOutput>;
  /** Total tries before `step.<name>.failed` is sent (default 3). */
  maxAttempts?: number;
  backoff?: Partial<BackoffPolicy>;
  /** Abort the handler after this long (default 5 minutes). */
  timeoutMs?: number;
}

export interface ResolvedStep {
  name: string;
  run: StepDefinition['run'];
  maxAttempts: number;
  backoff: BackoffPolicy;
  timeoutMs: number;
}

/** What a schedule's input function may know of the installation. */
export interface ScheduleEnv {
  /** The installation's data folder (SIGNALBOX_HOME); null where the worker was given none. */
  dataDir: string | null;
}

export interface ScheduleDefinition<TInput = unknown> {
  /** Cron pattern in UTC, e.g. `0 * * * *`. */
  cron: string;
  /**
   * Input of the runs it starts. A function is called at each tick (in the worker, so it may look
   * at the world, e.g. list a folder); returning null skips that tick without starting a run.
   */
  input: TInput | ((tick: Date, env: ScheduleEnv) => TInput | null | Promise<TInput | null>);
  /** Distinguishes several schedules of one pipeline (default: its index). */
  name?: string;
  /** After downtime, start the ticks missed within this window (default 0: skip them). */
  backfillMs?: number;
  /**
   * A tick while the pipeline is paused: `skip` (the default) records it in the audit trail as
   * `schedule.tick_skipped` and starts nothing; `queue` starts the run, which waits `queued`.
   */
  whilePaused?: 'skip' | 'queue';
}

/** What a pipeline's runs start from besides JSON input. */
export interface PipelineAccepts {
  /**
   * Runs start from a file (uploaded, submitted from the CLI or dropped in the inbox) whose stored
   * reference is the input: the console offers an upload instead of a form of that input.
   */
  files: boolean;
}

export interface PipelineConfig<TSchema extends z.ZodType, TMachine extends AnyStateMachine> {
  /** Stable id, kebab-case: used in URLs, job payloads and the CLI. */
  id: string;
  /** Bump when the machine changes shape; runs keep the version they started with. */
  version: number;
  title: string;
  description: string;
  input: TSchema;
  machine: TMachine;
  /**
   * The step handlers. When the machine types its events with `StepEvents`, every declared step
   * needs a handler and each handler must return what its `step.<name>.done` event carries.
   */
  steps: StepHandlers<TMachine, z.output<TSchema>>;
  schedules?: ScheduleDefinition<z.input<TSchema>>[];
  /** Declares what runs start from besides JSON input (default: nothing else). */
  accepts?: Partial<PipelineAccepts>;
  /**
   * The shape of the machine context, when the pipeline wants edited contexts checked: an operator
   * who forks a run with a hand-edited context gets field-by-field errors instead of a broken run.
   */
  context?: z.ZodType;
  /**
   * Keep this pipeline's finished runs this many days, instead of the deployment's
   * `SIGNALBOX_RETENTION_DAYS` (e.g. longer, for runs an audit needs). Used by the worker's daily prune.
   */
  retention?: PipelineRetention;
  /**
   * At most this many live runs (queued by a pause, running or waiting for an event) at a time, per
   * `concurrencyKey` when one is given, else for the whole pipeline. Runs started beyond it are
   * accepted and wait `queued`; the oldest starts when a run of its key finishes.
   */
  maxConcurrentRuns?: number;
  /**
   * The key a run's slot is counted under, from its (parsed) input: e.g. `(input) => input.feed` for
   * one run per clinic feed at a time. Requires `maxConcurrentRuns` (the limit per key). Shown to
   * operators who may see payloads: return an identifier, never patient data.
   */
  concurrencyKey?: (input: z.output<TSchema>) => string;
}

/** A pipeline's concurrency limit: `maxConcurrentRuns` live runs per key. */
export interface PipelineConcurrency {
  maxConcurrentRuns: number;
  /** Whether the limit applies per `concurrencyKey` (else to the whole pipeline). */
  keyed: boolean;
  /** The key of a run from its parsed input ('' when the limit is pipeline-wide). */
  keyOf(input: unknown): string;
}

export interface PipelineRetention {
  finishedRunsDays: number;
}

/** Step names a machine's event types declare (`step.<name>.done`). */
type DeclaredSteps<TMachine extends AnyStateMachine> =
  EventFromLogic<TMachine> extends infer E ? (E extends { type: `step.${infer K}.done` } ? K : never) : never;

/** What a step's `done` event carries, as the machine declares it. */
type DeclaredOutput<TMachine extends AnyStateMachine, K extends string> =
  Extract<EventFromLogic<TMachine>, { type: `step.${K}.done` }> extends { output: infer O } ? O : unknown;

export type StepHandlers<TMachine extends AnyStateMachine, TInput> = [DeclaredSteps<TMachine>] extends [never]
  ? Record<string, StepDefinition<TInput, ContextFrom<TMachine>>>
  : {
      [K in DeclaredSteps<TMachine>]: StepDefinition<
        TInput,
        ContextFrom<TMachine>,
        DeclaredOutput<TMachine, K>
      >;
    };

export interface Pipeline {
  id: string;
  version: number;
  title: string;
  description: string;
  input: z.ZodType;
  machine: AnyStateMachine;
  steps: ReadonlyMap<string, ResolvedStep>;
  schedules: readonly ScheduleDefinition[];
  accepts: Readonly<PipelineAccepts>;
  retention: Readonly<PipelineRetention> | null;
  /** The context schema, when declared: checked on contexts edited by operators (forks). */
  context: z.ZodType | null;
  /** The concurrency limit, when declared (`maxConcurrentRuns`, `concurrencyKey`). */
  concurrency: PipelineConcurrency | null;
}

/** Failure details sent to the machine with `step.<name>.failed`. */
export interface StepFailure {
  message: string;
  name: string;
  attempts: number;
  timedOut: boolean;
}

/**
 * The events the engine sends to a machine for its steps, keyed by step name → output type:
 * `types: { events: {} as StepEvents<{ extract: Rows }> | { type: 'approve' } }`.
 */
export type StepEvents<TSteps extends Record<string, unknown>> = {
  [K in keyof TSteps & string]:
    | { type: `step.${K}.done`; output: TSteps[K] }
    | { type: `step.${K}.failed`; error: StepFailure };
}[keyof TSteps & string];

export const stepDoneEvent = (step: string) => `step.${step}.done`;
export const stepFailedEvent = (step: string) => `step.${step}.failed`;

const ID_PATTERN = /^[a-z][a-z0-9-]{1,62}$/;
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/**
 * Declares a pipeline: an XState machine whose states name the step they run with
 * `meta: { step: 'name' }`, the step handlers with their retry policy, and the input schema.
 * Checks the wiring eagerly so a typo fails at start-up, not in the middle of a run.
 */
export function definePipeline<TSchema extends z.ZodType, TMachine extends AnyStateMachine>(
  config: PipelineConfig<TSchema, TMachine>,
): Pipeline {
  if (!ID_PATTERN.test(config.id)) {
    throw new Error(`pipeline id '${config.id}' must be kebab-case (a-z, 0-9, -), 2 to 63 characters`);
  }
  if (!Number.isInteger(config.version) || config.version < 1) {
    throw new Error(`pipeline '${config.id}': version must be a positive integer`);
  }
  const referenced = stepStates(config.machine);
  const handlers: Record<string, StepDefinition> = config.steps;
  for (const { step, path } of referenced) {
    if (!(step in handlers)) {
      throw new Error(`pipeline '${config.id}': state '${path}' runs step '${step}', which is not in steps`);
    }
  }
  checkMachine(config.id, config.machine);
  const retentionDays = config.retention?.finishedRunsDays;
  if (retentionDays !== undefined && (!Number.isInteger(retentionDays) || retentionDays < 1)) {
    throw new Error(`pipeline '${config.id}': retention.finishedRunsDays must be an integer ≥ 1`);
  }
  const machine = withDurationDelays(config.id, config.machine);
  const steps = new Map<string, ResolvedStep>();
  for (const [name, def] of Object.entries(handlers)) {
    if (!referenced.some((r) => r.step === name)) {
      throw new Error(
        `pipeline '${config.id}': step '${name}' is not run by any state (meta: { step: '${name}' })`,
      );
    }
    const maxAttempts = def.maxAttempts ?? 3;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new Error(`pipeline '${config.id}': step '${name}' maxAttempts must be an integer ≥ 1`);
    }
    steps.set(name, {
      name,
      run: def.run as ResolvedStep['run'],
      maxAttempts,
      backoff: { ...DEFAULT_BACKOFF, ...def.backoff },
      timeoutMs: def.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
  }
  return Object.freeze({
    id: config.id,
    version: config.version,
    title: config.title,
    description: config.description,
    input: config.input,
    machine,
    steps,
    schedules: (config.schedules ?? []) as ScheduleDefinition[],
    accepts: Object.freeze({ files: config.accepts?.files ?? false }),
    retention: config.retention ? Object.freeze({ ...config.retention }) : null,
    context: config.context ?? null,
    concurrency: concurrencyOf(config.id, config.maxConcurrentRuns, config.concurrencyKey),
  });
}

/** Longer keys are cut: a key names a feed or a tenant, and it goes into advisory-lock hashes and lists. */
const MAX_KEY_LENGTH = 200;

function concurrencyOf(
  id: string,
  limit: number | undefined,
  concurrencyKey: ((input: never) => string) | undefined,
): PipelineConcurrency | null {
  if (limit === undefined) {
    if (concurrencyKey) {
      throw new Error(`pipeline '${id}': concurrencyKey needs maxConcurrentRuns (the limit per key)`);
    }
    return null;
  }
  if (!Number.isInteger(limit) || limit < 1) {
    throw new Error(`pipeline '${id}': maxConcurrentRuns must be an integer ≥ 1`);
  }
  return Object.freeze({
    maxConcurrentRuns: limit,
    keyed: concurrencyKey !== undefined,
    keyOf: (input: unknown) =>
      concurrencyKey ? String(concurrencyKey(input as never)).slice(0, MAX_KEY_LENGTH) : '',
  });
}

interface StateNodeLike {
  path: string[];
  meta?: { step?: unknown };
  states: Record<string, StateNodeLike>;
}

/** Every state node of the machine that declares a step, in document order. */
export function stepStates(machine: AnyStateMachine): { path: string; step: string }[] {
  const found: { path: string; step: string }[] = [];
  const visit = (node: StateNodeLike) => {
    const step = node.meta?.step;
    if (typeof step === 'string') found.push({ path: node.path.join('.'), step });
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(machine.root as unknown as StateNodeLike);
  return found;
}

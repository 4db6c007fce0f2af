import type { Engine } from '../core/engine';
import { performOperatorAction } from '../core/runs/perform-operator-action';
import type { RunRecord } from '../db/queries/run-record';
import { actor } from './test-actors';

/** An operator command as tests write it: the actor by name (a system actor with that name). */
interface Command {
  runId: string;
  actor: string;
  reason?: string;
  expectedVersion?: number;
}

export const retryRun = (engine: Engine, { actor: name, ...request }: Command): Promise<RunRecord> =>
  performOperatorAction(engine, { kind: 'retry', request }, actor(name));

export const cancelRun = (engine: Engine, { actor: name, ...request }: Command): Promise<RunRecord> =>
  performOperatorAction(engine, { kind: 'cancel', request }, actor(name));

export const sendEvent = (
  engine: Engine,
  { actor: name, ...request }: Command & { type: string; payload?: Record<string, unknown> },
): Promise<RunRecord> => performOperatorAction(engine, { kind: 'event', request }, actor(name));

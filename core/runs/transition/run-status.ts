import type { AnyMachineSnapshot } from 'xstate';
import type { RunStatus } from '../../../db/schema';

/** Status of a run from its machine snapshot: tags `failed` / `cancelled` mark those outcomes. */
export function deriveStatus(snapshot: AnyMachineSnapshot, activeStepCount: number): RunStatus {
  if (snapshot.hasTag('cancelled')) return 'cancelled';
  if (snapshot.hasTag('failed')) return 'failed';
  if (snapshot.status === 'done') return 'succeeded';
  if (snapshot.status === 'error') return 'failed';
  return activeStepCount > 0 ? 'running' : 'waiting';
}

export { isTerminal } from '../../../db/queries/run-record';

import type { RunStatus } from '../../contracts/run-page';

/**
 * The statuses in display order. Defined here rather than imported from db/schema, which would pull
 * drizzle into the browser bundle; the type below fails to compile if a status is missing.
 */
export const RUN_STATUS_ORDER = [
  'queued',
  'running',
  'waiting',
  'succeeded',
  'failed',
  'cancelled',
] as const satisfies readonly RunStatus[];

type Missing = Exclude<RunStatus, (typeof RUN_STATUS_ORDER)[number]>;
const complete: Missing extends never ? true : never = true;
void complete;

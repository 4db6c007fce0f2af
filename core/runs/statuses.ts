/** The status words of runs and step attempts, for every layer above `db/` (the console included). */
export { ATTEMPT_OUTCOMES, type AttemptOutcome, RUN_STATUSES, type RunStatus } from '../../db/schema';

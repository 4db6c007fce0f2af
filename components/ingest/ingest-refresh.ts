/** Records per page of the run page's quarantine table (the API allows up to 500). */
export const QUARANTINE_PAGE_SIZE = 50;

/** While a step works through a file, its counts move between transitions: refresh them this often. */
export const STEP_PROGRESS_POLL_MS = 2_000;

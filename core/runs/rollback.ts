/** Thrown inside a transaction to roll it back on purpose; `why` says what the caller should do next. */
export class Rollback extends Error {
  override readonly name = 'Rollback';
  constructor(readonly why: 'duplicate' | 'lost-cas') {
    super(`rolled back: ${why}`);
  }
}

/** Runs `work` and turns a deliberate rollback into its reason; other errors pass through. */
export async function orRollback<T>(work: Promise<T>): Promise<T | Rollback['why']> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof Rollback) return error.why;
    throw error;
  }
}

import { describe, expect, it } from 'vitest';
import { ROLES as DB_ROLES } from '../db/auth-schema';
import { ATTEMPT_OUTCOMES as DB_OUTCOMES, RUN_STATUSES as DB_STATUSES } from '../db/schema';
import { ROLES } from './admin';
import { ATTEMPT_OUTCOMES, RUN_STATUSES } from './run-page';

/** contracts/ cannot import db/ (the browser loads it): its copies of the stored words must match. */
describe('the words the API shares with the database', () => {
  it('are the same statuses, attempt outcomes and roles', () => {
    expect(RUN_STATUSES).toEqual(DB_STATUSES);
    expect(ATTEMPT_OUTCOMES).toEqual(DB_OUTCOMES);
    expect(ROLES).toEqual(DB_ROLES);
  });
});

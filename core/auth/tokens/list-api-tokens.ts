import { type ApiTokenView, selectApiTokens } from '../../../db/queries/select-api-tokens';
import type { Engine } from '../../engine';
import { type Actor, authorize } from '../actor';

export type { ApiTokenView };

/** API tokens, never their secrets (admins only). */
export async function listApiTokens(engine: Engine, by: Actor): Promise<ApiTokenView[]> {
  authorize(by, 'admin');
  return selectApiTokens(engine.db);
}

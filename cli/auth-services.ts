import { authConfig } from '../config/auth-config';
import type { Env } from '../config/env';
import type { AuthServices } from '../core/auth/auth-services';
import { createAuth } from '../core/auth/create-auth';
import type { Engine } from '../core/engine';

export const cliAuthServices = (env: Env, engine: Engine): AuthServices => {
  const config = authConfig(env);
  return { engine, config, auth: createAuth(engine.db, config) };
};

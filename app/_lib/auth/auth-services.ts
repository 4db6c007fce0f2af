import 'server-only';
import { authConfig } from '../../../config/auth-config';
import { loadEnv } from '../../../config/env';
import type { AuthServices } from '../../../core/auth/auth-services';
import { createAuth } from '../../../core/auth/create-auth';
import { getEngine } from '../engine';

let services: AuthServices | undefined;

/** Better Auth and its settings, once per server process, over the console's engine. */
export function getAuthServices(): AuthServices {
  if (services) return services;
  const engine = getEngine();
  const config = authConfig(loadEnv());
  services = { engine, config, auth: createAuth(engine.db, config) };
  return services;
}

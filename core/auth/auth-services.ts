import type { Engine } from '../engine';
import type { AuthConfig } from './auth-config';
import type { Auth } from './create-auth';

/** What the authentication use-cases need; built once per process next to the engine. */
export interface AuthServices {
  engine: Engine;
  auth: Auth;
  config: AuthConfig;
}

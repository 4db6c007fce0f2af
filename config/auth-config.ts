import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthConfig } from '../core/auth/auth-config';
import type { Env } from './env';

/**
 * The session secret: SIGNALBOX_AUTH_SECRET, or one generated once into SIGNALBOX_HOME (git-ignored)
 * so a fresh machine needs no configuration and sessions survive restarts.
 */
export function authSecret(env: Env): string {
  if (env.SIGNALBOX_AUTH_SECRET) return env.SIGNALBOX_AUTH_SECRET;
  const file = join(env.SIGNALBOX_HOME, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(env.SIGNALBOX_HOME, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return readFileSync(file, 'utf8').trim();
}

export function authConfig(env: Env, secret = authSecret(env)): AuthConfig {
  return {
    secret,
    baseUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    idleTimeoutMinutes: env.SESSION_IDLE_MINUTES,
    maxSessionHours: env.SESSION_MAX_HOURS,
  };
}

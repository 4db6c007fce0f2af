import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { admin } from 'better-auth/plugins';
import { type Executor, schema } from '../../db/client';
import { type AuthConfig, secureCookies } from './auth-config';

/**
 * Better Auth over our drizzle client: email + password (scrypt hashes), sessions stored in
 * Postgres (so they can be revoked), no public sign-up (admins create users), HttpOnly SameSite=Strict
 * cookies (Secure behind https). A session ends `maxSessionHours` after sign-in (Better Auth's own
 * expiry, never extended); the idle timeout is enforced by `resolvePrincipal`.
 */
export function createAuth(db: Executor, config: AuthConfig) {
  return betterAuth({
    appName: 'Signalbox',
    secret: config.secret,
    baseURL: config.baseUrl,
    database: drizzleAdapter(db, { provider: 'pg', usePlural: true, schema }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12, maxPasswordLength: 200 },
    session: {
      expiresIn: config.maxSessionHours * 3600,
      disableSessionRefresh: true,
      cookieCache: { enabled: false },
    },
    user: {
      additionalFields: { role: { type: 'string', required: false, defaultValue: 'viewer', input: false } },
    },
    plugins: [admin({ defaultRole: 'viewer', adminRoles: ['admin'] })],
    advanced: {
      cookiePrefix: 'signalbox',
      useSecureCookies: secureCookies(config),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'strict', secure: secureCookies(config) },
    },
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: { disabled: true },
  });
}

export type Auth = ReturnType<typeof createAuth>;

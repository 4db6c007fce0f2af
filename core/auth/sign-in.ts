import type { SignInRequest } from '../../contracts/admin';
import { countRecentFailedSignIns } from '../../db/queries/count-recent-failed-sign-ins';
import { recordAudit } from '../audit/record-audit';
import { sleep } from '../definition/sleep';
import { AppError } from '../errors';
import type { AuthServices } from './auth-services';
import { isRole } from './roles';

/** Delay before answering after `failures` recent failed sign-ins: 0, 0.5 s, 1 s, 2 s … capped at 8 s. */
export const signInDelayMs = (failures: number): number =>
  failures === 0 ? 0 : Math.min(8_000, 250 * 2 ** failures);

/**
 * Signs a person in with email and password. Recent failures for the same email or address slow
 * the answer down; every attempt is audited (never the password). Returns the Set-Cookie headers.
 */
export async function signIn(
  services: AuthServices,
  request: SignInRequest,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ headers: Headers; role: string }> {
  const { engine, auth } = services;
  const failures = await countRecentFailedSignIns(engine.db, { email: request.email, ip: client.ip }, 15);
  await sleep(signInDelayMs(failures));
  const headers = new Headers();
  if (client.userAgent) headers.set('user-agent', client.userAgent);
  if (client.ip) headers.set('x-forwarded-for', client.ip);
  try {
    const result = await auth.api.signInEmail({
      body: { email: request.email, password: request.password, rememberMe: true },
      headers,
      returnHeaders: true,
    });
    const claimed = (result.response.user as { role?: unknown }).role;
    const role = isRole(claimed) ? claimed : 'viewer';
    await recordAudit(engine, {
      by: { kind: 'user', id: result.response.user.id, name: request.email, role, ip: client.ip },
      action: 'auth.sign-in',
      target: `user:${result.response.user.id}`,
      outcome: 'accepted',
    });
    return { headers: result.headers, role };
  } catch (error) {
    const code = (error as { body?: { code?: string } }).body?.code ?? 'SIGN_IN_FAILED';
    await recordAudit(engine, {
      by: { kind: 'claimant', name: request.email, ip: client.ip },
      action: 'auth.sign-in',
      target: 'session',
      outcome: 'refused',
      details: { code, recentFailures: failures + 1 },
    });
    throw new AppError('UNAUTHORIZED', 'wrong email or password, or the account is disabled');
  }
}

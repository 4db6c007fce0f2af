import { randomBytes } from 'node:crypto';
import type { CreateUserRequest } from '../../../contracts/admin';
import { recordAudit } from '../../audit/record-audit';
import { AppError } from '../../errors';
import { type Actor, authorize } from '../actor';
import type { AuthServices } from '../auth-services';

/** A random password people can type: 20 characters of base64url (~120 bits). */
export const generatePassword = (): string => randomBytes(15).toString('base64url');

/**
 * Creates a person who can sign in (Better Auth hashes the password with scrypt). Without a
 * password one is generated and returned, to be shown once.
 */
export async function createUser(
  services: AuthServices,
  request: CreateUserRequest,
  by: Actor,
): Promise<{ id: string; email: string; role: string; password: string; generated: boolean }> {
  authorize(by, 'admin');
  const password = request.password ?? generatePassword();
  try {
    const { user } = await services.auth.api.createUser({
      body: {
        email: request.email,
        name: request.name ?? request.email.split('@')[0]!,
        password,
        role: request.role as never,
      },
    });
    await recordAudit(services.engine, {
      by,
      action: 'user.create',
      target: `user:${user.id}`,
      outcome: 'accepted',
      details: { email: request.email, role: request.role },
    });
    return { id: user.id, email: user.email, role: request.role, password, generated: !request.password };
  } catch (error) {
    const code = (error as { body?: { code?: string } }).body?.code ?? 'CREATE_FAILED';
    await recordAudit(services.engine, {
      by,
      action: 'user.create',
      target: null,
      outcome: 'refused',
      details: { email: request.email, code },
    });
    if (code.includes('ALREADY_EXISTS'))
      throw new AppError('VALIDATION_FAILED', `a user with email ${request.email} exists`);
    throw error;
  }
}

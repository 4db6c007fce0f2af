import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'sbx_';

/** A new token: shown once; only its SHA-256 is stored (tokens are random, so no slow KDF is needed). */
export function newTokenSecret(): { token: string; hash: string; prefix: string } {
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, PREFIX.length + 6) };
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const looksLikeToken = (value: string): boolean => value.startsWith(PREFIX) && value.length > 20;

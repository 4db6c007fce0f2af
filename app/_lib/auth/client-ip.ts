/**
 * The client's address for the audit trail: the first `X-Forwarded-For` hop (set by the reverse
 * proxy in front of the console), else `X-Real-IP`; null when neither is present.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  const ip = forwarded || headers.get('x-real-ip')?.trim() || null;
  return ip && ip.length <= 64 ? ip : null;
}

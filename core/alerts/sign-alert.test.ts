import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signAlert, verifyAlertSignature } from './sign-alert';

describe('alert signatures', () => {
  const secret = newWebhookSecret();
  const body = '{"kind":"test"}';
  const now = 1_800_000_000_000;
  const at = now / 1000;

  it('verifies a signature made with the same secret over the same body', () => {
    const header = signAlert(secret, body, at);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyAlertSignature(secret, body, header, { now })).toBe(true);
  });

  it('refuses another secret, another body, an old timestamp and malformed headers', () => {
    const header = signAlert(secret, body, at);
    expect(verifyAlertSignature(newWebhookSecret(), body, header, { now })).toBe(false);
    expect(verifyAlertSignature(secret, `${body} `, header, { now })).toBe(false);
    expect(verifyAlertSignature(secret, body, header, { now: now + 301_000 })).toBe(false);
    expect(verifyAlertSignature(secret, body, undefined, { now })).toBe(false);
    expect(verifyAlertSignature(secret, body, 't=abc,v1=00', { now })).toBe(false);
  });

  it('makes a distinct secret each time', () => {
    expect(newWebhookSecret()).not.toBe(newWebhookSecret());
    expect(newWebhookSecret()).toMatch(/^whsec_[\w-]{32}$/);
  });
});

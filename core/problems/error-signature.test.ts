import { describe, expect, it } from 'vitest';
import { errorSignature } from './error-signature';

describe('errorSignature', () => {
  it('groups messages that differ only in numbers, ids and quoted values', () => {
    const a = errorSignature(
      'TypeError',
      "Row 17: bad value 'x' for patient 3f0c2a9e-1b2c-4d5e-8f90-123456789abc",
    );
    const b = errorSignature(
      'TypeError',
      'Row 402: bad value "yz" for patient 00000000-1111-2222-3333-444444444444',
    );
    expect(a).toBe(b);
    expect(a).toBe('TypeError: Row <n>: bad value <str> for patient <id>');
  });

  it('keeps the error type and the words apart', () => {
    expect(errorSignature('TypeError', 'timeout')).not.toBe(errorSignature('RangeError', 'timeout'));
    expect(errorSignature('Error', 'connection refused')).not.toBe(
      errorSignature('Error', 'connection reset'),
    );
  });

  it('normalizes hex ids, e-mails, URL paths, decimals and times, and whitespace', () => {
    expect(
      errorSignature(
        'FetchError',
        'GET https://api.example.org/v1/patients/991 failed after 2.5s for ops@example.org  (job deadbeef00112233)',
      ),
    ).toBe('FetchError: GET https://api.example.org/<path> failed after <n>s for <email> (job <id>)');
    expect(errorSignature('Error', 'at 12:30:01')).toBe('Error: at <n>');
  });

  it('names an unnamed error and caps the length', () => {
    expect(errorSignature('', 'x')).toBe('Error: x');
    expect(errorSignature('Error', 'word '.repeat(500)).length).toBe(500);
  });
});

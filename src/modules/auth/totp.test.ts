import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, newTotpSecret, otpauthUri, stepAt, totpAt, verifyTotp } from './totp';

// RFC 6238, appendix B: the SHA-1 seed "12345678901234567890" and its 8-digit codes.
const rfcSecret = base32Encode(Buffer.from('12345678901234567890'));
const vectors: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('time-based one-time passwords', () => {
  it('gives the RFC 6238 test vectors', () => {
    for (const [seconds, code] of vectors) {
      expect(totpAt(rfcSecret, stepAt(new Date(seconds * 1000)), 8), String(seconds)).toBe(code);
    }
  });

  it('round-trips base32 and makes 160-bit secrets', () => {
    expect(base32Decode(rfcSecret).toString()).toBe('12345678901234567890');
    expect(base32Decode(newTotpSecret())).toHaveLength(20);
  });

  it('accepts the current code and its neighbours once, and nothing else', () => {
    const secret = newTotpSecret();
    const now = new Date('2026-03-02T09:00:10Z');
    const step = stepAt(now);
    expect(verifyTotp(secret, totpAt(secret, step), now, null)).toBe(step);
    expect(verifyTotp(secret, totpAt(secret, step - 1), now, null)).toBe(step - 1);
    expect(verifyTotp(secret, totpAt(secret, step + 1), now, null)).toBe(step + 1);
    expect(verifyTotp(secret, totpAt(secret, step - 2), now, null)).toBeNull();
    // Used once, a code (and any older one) is refused.
    expect(verifyTotp(secret, totpAt(secret, step), now, step)).toBeNull();
    expect(verifyTotp(secret, '12345', now, null)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', now, null)).toBeNull();
  });

  it('names the account and the issuer for authenticator apps', () => {
    expect(otpauthUri('ABC', 'anna@example.org', 'Atbalsts')).toBe(
      'otpauth://totp/Atbalsts%3Aanna%40example.org?secret=ABC&issuer=Atbalsts&algorithm=SHA1&digits=6&period=30',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it('wants at least 12 characters', () => {
    expect(passwordProblem('Kx9#mQ2!vL')).toBe('tooShort');
    expect(passwordProblem('zaļā lapa uz loga')).toBeNull();
  });

  it('refuses common passwords and common words padded with digits', () => {
    for (const weak of [
      'password1234',
      'Qwerty123456',
      '123456789012',
      'parole123456!',
      'aaaaaaaaaaaaaa',
      'Atbalsts2026!',
    ]) {
      expect(passwordProblem(weak), weak).toBe('common');
    }
  });

  it('refuses a password built from the email address', () => {
    expect(passwordProblem('irena.kalnina2026', 'irena.kalnina@example.org')).toBe('common');
    expect(passwordProblem('upe tek pa labi', 'irena.kalnina@example.org')).toBeNull();
  });
});

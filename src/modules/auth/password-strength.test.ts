import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-strength';

const irena = { email: 'irena.kalnina@example.org', givenName: 'Irēna', familyName: 'Kalniņa' };

describe('password strength', () => {
  it('wants at least 12 characters and accepts several unrelated words', () => {
    expect(passwordProblem('Kx9#mQ2!vL', irena)).toBe('tooShort');
    expect(passwordProblem('zaļā lapa uz loga', irena)).toBeNull();
    expect(passwordProblem('correct horse battery staple', irena)).toBeNull();
    expect(passwordProblem('k7dm-3xqa-p9wt-hc2e', irena)).toBeNull();
  });

  it('refuses passwords from breach lists, also padded, reversed or in l33t', () => {
    for (const weak of [
      'password1234',
      'Qwerty123456',
      'iloveyou1234',
      'P@ssw0rd2024!',
      '4321drowssap',
      'monkey123456',
    ]) {
      expect(passwordProblem(weak, irena), weak).toBe('breached');
    }
  });

  it('refuses one word padded with digits and signs, our own words included', () => {
    for (const weak of ['Atbalsts2026!', 'parole123456!', 'Latvija12345']) {
      expect(passwordProblem(weak, irena), weak).not.toBeNull();
    }
  });

  it('refuses patterns and says so', () => {
    expect(passwordProblem('aaaaaaaaaaaaaa', irena)).toBe('pattern');
    expect(passwordProblem('abcdefghijklmn', irena)).toBe('pattern');
  });

  it('refuses a password built on the user’s name or e-mail, with or without diacritics', () => {
    expect(passwordProblem('irena.kalnina2026', irena)).toBe('personal');
    expect(passwordProblem('Kalniņa!Irēna#', irena)).toBe('personal');
    expect(passwordProblem('KalninaIrena99', irena)).toBe('personal');
    // The same password is fine for somebody else.
    expect(passwordProblem('KalninaIrena99', { email: 'anna@example.org' })).not.toBe('personal');
  });
});

/**
 * Password rules (NIST SP 800-63B style): long enough, and not a known or trivially
 * guessable password. No composition rules and no expiry.
 */
export const minPasswordLength = 12;
export const maxPasswordLength = 200;

/** Commonly used passwords of 12 or more characters, lower-cased (from public breach lists). */
const commonPasswords = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789123',
  '123123123123',
  '111111111111',
  '000000000000',
  '121212121212',
  '123456123456',
  '987654321098',
  'qwertyuiopas',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwerty123456',
  'qwertyqwerty',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'zaq12wsxcde3',
  '123qweasdzxc',
  'asdfghjkl123',
  'asdfghjklzxc',
  'zxcvbnm12345',
  'abcdefghijkl',
  'abcd12345678',
  'abc123abc123',
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'mypassword123',
  'iloveyou1234',
  'iloveyouiloveyou',
  'letmein12345',
  'welcome12345',
  'welcome123456',
  'administrator',
  'administrator1',
  'changeme1234',
  'trustno11234',
  'football1234',
  'baseball1234',
  'sunshine1234',
  'princess1234',
  'starwars1234',
  'dragon123456',
  'monkey123456',
  'master123456',
  'superman1234',
  'michael12345',
  'jennifer1234',
  'liverpool123',
  'chocolate123',
  'computer1234',
  'internet1234',
  'whatever1234',
  'parole123456',
  'parole1234567',
  'paroleparole',
  'manaparole123',
  'atbalsts1234',
  'latvija12345',
  'latvija123456',
  'riga12345678',
]);

/** Words that, padded with digits or punctuation, still make a guessable password. */
const commonWords = new Set([
  'password',
  'passw',
  'parole',
  'qwerty',
  'qwertyuiop',
  'asdfgh',
  'admin',
  'administrator',
  'welcome',
  'letmein',
  'iloveyou',
  'atbalsts',
  'latvija',
  'riga',
  'changeme',
  'secret',
  'abc',
  'abcdef',
]);

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common';

/** Returns what is wrong with a new password, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  if (password.length < minPasswordLength) return 'tooShort';
  if (password.length > maxPasswordLength) return 'tooLong';
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) return 'common';
  if (new Set(lower).size < 5) return 'common';
  const letters = lower.replace(/[^a-zāčēģīķļņšūž]/g, '');
  const rest = lower.replace(/[a-zāčēģīķļņšūž]/g, '');
  if (/^[\d\W_]*$/.test(rest) && commonWords.has(letters)) return 'common';
  if (email) {
    const local = email.toLowerCase().split('@')[0] ?? '';
    if (local.length >= 4 && lower.includes(local)) return 'common';
  }
  return null;
}

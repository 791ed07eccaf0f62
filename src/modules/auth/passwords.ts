import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { invalid } from '../../platform/errors';
import { maxPasswordLength, minPasswordLength } from '../../shared/password-policy';
import { type PasswordOwner, passwordProblem } from './password-strength';

/** argon2id with the library's defaults (19 MiB, 2 passes: OWASP's recommended minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

// A hash of a random password, verified against when the email is unknown so that
// both answers take the same time.
let dummyHash: Promise<string> | null = null;
export function verifyAgainstDummy(password: string): Promise<boolean> {
  dummyHash ??= hashPassword(`dummy-${randomInt(1e9)}-${randomInt(1e9)}`);
  return dummyHash.then((h) => verifyPassword(h, password)).then(() => false);
}

/** Letters and digits that cannot be mistaken for each other when read aloud or copied. */
const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password like `k7dm-3xqa-p9wt-hc2e` (about 79 bits). */
export function oneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) group += alphabet[randomInt(alphabet.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** Throws a validation error naming `field` and the reason when the new password breaks the policy. */
export function assertAcceptablePassword(
  password: string,
  owner: PasswordOwner,
  field = 'newPassword',
): void {
  const problem = passwordProblem(password, owner);
  if (problem === null) return;
  if (problem === 'tooShort')
    throw invalid({ field, key: 'validation.passwordTooShort', params: { min: minPasswordLength } });
  if (problem === 'tooLong')
    throw invalid({ field, key: 'validation.tooLong', params: { max: maxPasswordLength } });
  throw invalid({ field, key: `validation.password.${problem}` });
}

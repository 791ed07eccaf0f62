/**
 * Password lengths (NIST SP 800-63B style): long enough, no composition rules and no
 * expiry. Whether a password is guessable is decided on the server
 * (`src/modules/auth/password-strength.ts`), which holds the breached-password list.
 */
export const minPasswordLength = 12;
export const maxPasswordLength = 200;

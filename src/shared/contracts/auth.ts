import { z } from 'zod';
import { permissions, roles, specialties } from '../access';
import { languages } from '../i18n/messages';
import { maxPasswordLength } from '../password-policy';
import { text } from './common';

export const signInInput = z.object({
  email: text(320).min(1),
  password: z.string().min(1).max(maxPasswordLength),
  /** The second step, for those with two-step sign-in: a code from the app or a recovery code. */
  code: z.string().trim().max(20).optional(),
});
export type SignInInput = z.infer<typeof signInInput>;

export const roleGrant = z.object({
  id: z.uuid(),
  role: z.enum(roles),
  centreId: z.uuid().nullable(),
  centreName: z.string().nullable(),
});
export type RoleGrantView = z.infer<typeof roleGrant>;

/** Who is signed in, what they hold, and what the web may offer them. */
export const meResponse = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    specialty: z.enum(specialties).nullable(),
    language: z.enum(languages),
    mustChangePassword: z.boolean(),
  }),
  roles: z.array(roleGrant),
  permissions: z.array(z.enum(permissions)),
  /** Two-step sign-in is on for this user; the organisation requires it of them and it is not yet on. */
  mfaEnabled: z.boolean().default(false),
  mfaSetupRequired: z.boolean().default(false),
  /** Cases opened in an emergency, while that lasts: every page shows it. */
  emergencyAccess: z.array(z.object({ caseId: z.uuid(), expiresAt: z.string() })).default([]),
});
export type MeResponse = z.infer<typeof meResponse>;

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1).max(maxPasswordLength),
  newPassword: z.string().min(1).max(maxPasswordLength),
});
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

export const updateMeInput = z.object({ language: z.enum(languages) });
export type UpdateMeInput = z.infer<typeof updateMeInput>;

/** Setting up an authenticator: the secret (to type in), its otpauth URI and the QR code as SVG. */
export const mfaSetup = z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() });
export type MfaSetup = z.infer<typeof mfaSetup>;
export const mfaConfirmInput = z.object({ code: z.string().trim().min(1).max(20) });
export const recoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export const mfaPolicy = z.object({ required: z.boolean() });

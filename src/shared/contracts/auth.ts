import { z } from 'zod';
import { permissions, roles, specialties } from '../access';
import { languages } from '../i18n/messages';
import { maxPasswordLength } from '../password-policy';
import { text } from './common';

export const signInInput = z.object({
  email: text(320).min(1),
  password: z.string().min(1).max(maxPasswordLength),
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

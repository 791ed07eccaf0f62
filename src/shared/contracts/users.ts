import { z } from 'zod';
import { roles, specialties } from '../access';
import { languages } from '../i18n/messages';
import { roleGrant } from './auth';
import { text } from './common';

export const userView = z.object({
  id: z.uuid(),
  email: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  specialty: z.enum(specialties).nullable(),
  language: z.enum(languages),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  roles: z.array(roleGrant),
});
export type UserView = z.infer<typeof userView>;

export const userList = z.object({ users: z.array(userView) });

const name = text(100).min(1);

const userFields = {
  email: z.email().max(320),
  givenName: name,
  familyName: name,
  specialty: z.enum(specialties).nullable(),
  language: z.enum(languages),
};

export const createUserInput = z.object({
  ...userFields,
  specialty: userFields.specialty.default(null),
  language: userFields.language.default('lv'),
});
export type CreateUserInput = z.input<typeof createUserInput>;

/** Only the fields sent are changed. */
export const updateUserInput = z.object(userFields).partial().extend({ disabled: z.boolean().optional() });
export type UpdateUserInput = z.input<typeof updateUserInput>;

/** Returned once, when a user is created or a password is reset; never stored in clear. */
export const oneTimePasswordResponse = z.object({ user: userView, oneTimePassword: z.string() });

export const grantRoleInput = z.object({
  role: z.enum(roles),
  centreId: z.uuid().nullable().default(null),
});
export type GrantRoleInput = z.input<typeof grantRoleInput>;

export const roleParams = z.object({ id: z.uuid(), grantId: z.uuid() });

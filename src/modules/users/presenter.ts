import type { RoleGrantView } from '../../shared/contracts/auth';
import type { UserView } from '../../shared/contracts/users';
import type { UserRow } from './queries';

/** The fields of a user that leave the server; never the password hash. */
export function presentUser(user: UserRow, roles: RoleGrantView[]): UserView {
  return {
    id: user.id,
    email: user.email,
    givenName: user.givenName,
    familyName: user.familyName,
    specialty: user.specialty,
    language: user.language,
    disabled: user.disabledAt !== null,
    mustChangePassword: user.mustChangePassword,
    roles,
  };
}

import { Alert, Button, Divider, Group, Select, Stack, Table, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { organisationWideRoles, type Role, roles } from '../../shared/access';
import type { UserView } from '../../shared/contracts/users';
import { api } from '../api';
import { useConfirmation } from '../components/confirm-dialog';
import { FormError, useApiError } from '../components/form-error';
import { useI18n } from '../i18n';
import { centresQuery } from '../queries';
import { UserForm } from './user-form';
import { OneTimePassword } from './users';

/** Everything an administrator does with one user: details, roles, status, password. */
export function UserEditor({ user }: { user: UserView }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const centres = useQuery(centresQuery).data?.centres ?? [];
  const [role, setRole] = useState<Role | null>(null);
  const [centreId, setCentreId] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [password, setPassword] = useState<string | null>(null);
  const failure = useApiError();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] });

  const addRole = async (event: FormEvent) => {
    event.preventDefault();
    if (!role) return;
    const result = await failure.run(() => api('POST', `/api/users/${user.id}/roles`, { role, centreId }));
    if (result) {
      setRole(null);
      setCentreId(null);
      await refresh();
    }
  };
  // Each of these matters to the user: asked first, said when done.
  const confirmation = useConfirmation();
  const name = `${user.givenName} ${user.familyName}`;
  const removeRole = (grant: UserView['roles'][number]) => {
    const role = t(`role.${grant.role}`);
    confirmation.ask({
      title: t('users.removeRole'),
      question: t('users.confirmRemoveRole', {
        name,
        role,
        where: grant.centreName ?? t('users.wholeOrganisation'),
      }),
      run: async () => {
        const done = await failure.run(() => api('DELETE', `/api/users/${user.id}/roles/${grant.id}`));
        if (done) await refresh();
        return !!done;
      },
      done: t('users.roleRemoved', { role }),
    });
  };
  const toggleDisabled = () =>
    confirmation.ask({
      title: user.disabled ? t('users.enable') : t('users.disable'),
      question: t(user.disabled ? 'users.confirmEnable' : 'users.confirmDisable', { name }),
      run: async () => {
        const done = await failure.run(() =>
          api('PATCH', `/api/users/${user.id}`, { disabled: !user.disabled }),
        );
        if (done) await refresh();
        return !!done;
      },
      done: t(user.disabled ? 'users.enabledDone' : 'users.disabledDone', { name }),
    });
  const resetPassword = () =>
    confirmation.ask({
      title: t('users.resetPassword'),
      question: t('users.confirmResetPassword', { name }),
      run: async () => {
        const result = await failure.run(() =>
          api<{ oneTimePassword: string }>('POST', `/api/users/${user.id}/reset-password`),
        );
        if (result) setPassword(result.oneTimePassword);
        return !!result;
      },
      done: t('users.passwordReset'),
    });
  const [mfaReset, setMfaReset] = useState(false);
  const resetMfa = async () => {
    if (await failure.run(() => api('POST', `/api/users/${user.id}/mfa/reset`))) setMfaReset(true);
  };
  const orgWide = role !== null && organisationWideRoles.includes(role);

  return (
    <Stack>
      {saved && (
        <Alert color="green" role="status">
          {t('users.saved')}
        </Alert>
      )}
      <UserForm key={user.id} user={user} onSaved={() => setSaved(true)} />
      <Divider />
      <Title order={2} size="h4">
        {t('users.roles')}
      </Title>
      <FormError error={failure.error} />
      <Table>
        <Table.Tbody>
          {user.roles.map((grant) => (
            <Table.Tr key={grant.id}>
              <Table.Td>{t(`role.${grant.role}`)}</Table.Td>
              <Table.Td>{grant.centreName ?? t('users.wholeOrganisation')}</Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="subtle"
                  c="red.9"
                  onClick={() => removeRole(grant)}
                  aria-label={`${t('users.removeRole')}: ${t(`role.${grant.role}`)}`}
                >
                  {t('users.removeRole')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <form onSubmit={addRole} noValidate>
        <Group align="flex-end">
          <Select
            label={t('users.role')}
            value={role}
            onChange={(value) => setRole(value as Role | null)}
            data={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            error={failure.field('role')}
          />
          <Select
            label={t('users.centre')}
            value={orgWide ? '' : (centreId ?? '')}
            disabled={orgWide}
            onChange={(value) => setCentreId(value || null)}
            data={[
              { value: '', label: t('users.wholeOrganisation') },
              ...centres.map((c) => ({ value: c.id, label: c.name })),
            ]}
            error={failure.field('centreId')}
            allowDeselect={false}
          />
          <Button type="submit" disabled={!role}>
            {t('users.addRole')}
          </Button>
        </Group>
      </form>
      <Divider />
      {confirmation.dialog}
      {password && <OneTimePassword password={password} />}
      {mfaReset && (
        <Alert color="green" role="status">
          {t('mfa.resetDone')}
        </Alert>
      )}
      <Group>
        <Button variant="default" onClick={resetPassword}>
          {t('users.resetPassword')}
        </Button>
        <Button variant="default" onClick={resetMfa}>
          {t('mfa.reset')}
        </Button>
        <Button variant="default" color={user.disabled ? undefined : 'red.9'} onClick={toggleDisabled}>
          {user.disabled ? t('users.enable') : t('users.disable')}
        </Button>
      </Group>
    </Stack>
  );
}

import { Alert, Button, Divider, Group, Select, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { organisationWideRoles, type Role, roles } from '../../../shared/access';
import type { UserView } from '../../../shared/contracts/users';
import { api } from '../../api';
import { useConfirmation } from '../../components/confirm-dialog';
import { FormError } from '../../components/form-error';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { centresQuery } from '../../queries';
import { OneTimePassword } from './one-time-password';
import { UserForm } from './user-form';

/** Everything an administrator does with one user: details, roles, status, password. */
export function UserEditor({ user }: { user: UserView }) {
  const { t } = useI18n();
  const centres = useQuery(centresQuery).data?.centres ?? [];
  const [saved, setSaved] = useState(false);
  const [password, setPassword] = useState<string | null>(null);
  const [mfaReset, setMfaReset] = useState(false);
  const invalidates = () => [['users']];
  type RoleValues = { role: string | null; centreId: string | null };
  const form = useEntryForm<RoleValues>({ initialValues: { role: null, centreId: null } });
  const orgWide = form.values.role !== null && organisationWideRoles.includes(form.values.role as Role);
  const addRole = useSave({
    form,
    send: (values: RoleValues) =>
      api('POST', `/api/users/${user.id}/roles`, {
        role: values.role,
        centreId: orgWide ? null : values.centreId,
      }),
    invalidates,
    saved: t('users.roleAdded'),
    onSaved: () => form.reset(),
  });
  const removeGrant = useSave({
    send: (grantId: string) => api('DELETE', `/api/users/${user.id}/roles/${grantId}`),
    invalidates,
  });
  const setDisabled = useSave({
    send: (disabled: boolean) => api('PATCH', `/api/users/${user.id}`, { disabled }),
    invalidates,
  });
  const reset = useSave({
    send: () => api<{ oneTimePassword: string }>('POST', `/api/users/${user.id}/reset-password`),
    onSaved: (result) => setPassword(result.oneTimePassword),
  });
  const resetTwoStep = useSave({
    send: () => api('POST', `/api/users/${user.id}/mfa/reset`),
    onSaved: () => setMfaReset(true),
  });
  const done = async (run: Promise<unknown>) => (await run) !== undefined;
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
      run: () => done(removeGrant.run(grant.id)),
      done: t('users.roleRemoved', { role }),
    });
  };
  const toggleDisabled = () =>
    confirmation.ask({
      title: user.disabled ? t('users.enable') : t('users.disable'),
      question: t(user.disabled ? 'users.confirmEnable' : 'users.confirmDisable', { name }),
      run: () => done(setDisabled.run(!user.disabled)),
      done: t(user.disabled ? 'users.enabledDone' : 'users.disabledDone', { name }),
    });
  const resetPassword = () =>
    confirmation.ask({
      title: t('users.resetPassword'),
      question: t('users.confirmResetPassword', { name }),
      run: () => done(reset.run()),
      done: t('users.passwordReset'),
    });
  const failed = removeGrant.error ?? setDisabled.error ?? reset.error ?? resetTwoStep.error;

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
      <FormError error={failed} />
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
      <EntryForm
        form={form}
        save={addRole}
        submitLabel={t('users.addRole')}
        submitProps={{ disabled: !form.values.role }}
      >
        <Group align="flex-end">
          <Select
            label={t('users.role')}
            data={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            {...form.getInputProps('role')}
          />
          <Select
            label={t('users.centre')}
            {...form.getInputProps('centreId')}
            value={orgWide ? '' : (form.values.centreId ?? '')}
            disabled={orgWide}
            onChange={(value) => form.setFieldValue('centreId', value || null)}
            data={[
              { value: '', label: t('users.wholeOrganisation') },
              ...centres.map((c) => ({ value: c.id, label: c.name })),
            ]}
            allowDeselect={false}
          />
        </Group>
      </EntryForm>
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
        <Button variant="default" onClick={() => resetTwoStep.run()} loading={resetTwoStep.pending}>
          {t('mfa.reset')}
        </Button>
        <Button variant="default" color={user.disabled ? undefined : 'red.9'} onClick={toggleDisabled}>
          {user.disabled ? t('users.enable') : t('users.disable')}
        </Button>
      </Group>
    </Stack>
  );
}

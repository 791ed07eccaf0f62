import { Badge, Button, Modal, Stack, Switch, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { UserView } from '../../shared/contracts/users';
import { api } from '../api';
import { focusFirstField } from '../components/dialog-focus';
import { PageHeader } from '../components/page-header';
import { useSave } from '../data-entry/save';
import { BackupStatus } from '../features/data-protection/backup-status';
import { RetentionRulesForm } from '../features/data-protection/retention-rules';
import { OneTimePassword } from '../features/users/one-time-password';
import { UserEditor } from '../features/users/user-editor';
import { UserForm } from '../features/users/user-form';
import { useI18n } from '../i18n';

export const usersQuery = {
  queryKey: ['users'],
  queryFn: () => api<{ users: UserView[] }>('GET', '/api/users'),
};

export function UsersPage() {
  const { t } = useI18n();
  const users = useQuery(usersQuery);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const list = users.data?.users ?? [];
  const editing = list.find((u) => u.id === editingId) ?? null;

  return (
    <Stack>
      <PageHeader title={t('users.title')}>
        <Button
          onClick={() => {
            setCreated(null);
            setCreating(true);
          }}
        >
          {t('users.new')}
        </Button>
      </PageHeader>
      <BackupStatus />
      <MfaPolicySwitch />
      <Text size="sm" c="gray.7" aria-live="polite">
        {t('users.count', { count: list.length })}
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.name')}</Table.Th>
              <Table.Th>{t('users.email')}</Table.Th>
              <Table.Th>{t('users.roles')}</Table.Th>
              <Table.Th>{t('users.status')}</Table.Th>
              <Table.Th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((user) => (
              <Table.Tr key={user.id}>
                <Table.Td>
                  {user.familyName} {user.givenName}
                </Table.Td>
                <Table.Td>{user.email}</Table.Td>
                <Table.Td>
                  {user.roles
                    .map((g) => `${t(`role.${g.role}`)} (${g.centreName ?? t('users.wholeOrganisation')})`)
                    .join(', ')}
                </Table.Td>
                <Table.Td>
                  <Badge color={user.disabled ? 'red.9' : 'teal.9'} variant="filled">
                    {user.disabled ? t('users.disabled') : t('users.active')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => setEditingId(user.id)}
                    aria-label={`${t('common.edit')}: ${user.givenName} ${user.familyName}`}
                  >
                    {t('common.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <RetentionRulesForm />

      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('users.new')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        transitionProps={{ duration: 0, onEntered: focusFirstField }}
      >
        {created ? (
          <Stack>
            <OneTimePassword password={created} />
            <Button onClick={() => setCreating(false)}>{t('common.close')}</Button>
          </Stack>
        ) : (
          <UserForm
            user={null}
            onSaved={(password) => setCreated(password ?? null)}
            onCancel={() => setCreating(false)}
          />
        )}
      </Modal>
      <Modal
        opened={editing !== null}
        onClose={() => setEditingId(null)}
        title={t('users.edit')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
        transitionProps={{ duration: 0, onEntered: focusFirstField }}
      >
        {editing && <UserEditor user={editing} />}
      </Modal>
    </Stack>
  );
}

/** The organisation's rule: two-step sign-in for everyone who reads case content, and administrators. */
function MfaPolicySwitch() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const policy = useQuery({
    queryKey: ['mfa-policy'],
    queryFn: () => api<{ required: boolean }>('GET', '/api/organisation/mfa-policy'),
  });
  const save = useSave({
    send: (required: boolean) =>
      api<{ required: boolean }>('PUT', '/api/organisation/mfa-policy', { required }),
    saved: t('mfa.policySaved'),
    onSaved: (saved) => {
      queryClient.setQueryData(['mfa-policy'], saved);
    },
  });
  if (!policy.data) return null;
  return (
    <Switch
      label={t('mfa.policy')}
      checked={policy.data.required}
      disabled={save.pending}
      onChange={(e) => save.run(e.currentTarget.checked)}
      error={save.error?.message}
    />
  );
}

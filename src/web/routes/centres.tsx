import { Badge, Button, Checkbox, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Centre, CentreInput } from '../../shared/contracts/centres';
import { api } from '../api';
import { focusFirstField } from '../components/dialog-focus';
import { FormError, useApiError } from '../components/form-error';
import { PageHeader } from '../components/page-header';
import { useI18n } from '../i18n';
import { centresQuery } from '../queries';

const empty: Required<CentreInput> = { name: '', municipality: '', address: '', active: true };

function CentreForm({ centre, onDone }: { centre: Centre | null; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Required<CentreInput>>(centre ?? empty);
  const failure = useApiError();
  const set = (patch: Partial<CentreInput>) => setValues({ ...values, ...patch });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: values.name,
      municipality: values.municipality,
      address: values.address,
      active: values.active,
    };
    const saved = await failure.run(() =>
      centre
        ? api<Centre>('PUT', `/api/centres/${centre.id}`, body)
        : api<Centre>('POST', '/api/centres', body),
    );
    if (!saved) return;
    await queryClient.invalidateQueries({ queryKey: centresQuery.queryKey });
    onDone();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError error={failure.error} />
        <TextInput
          label={t('centres.name')}
          required
          data-autofocus
          value={values.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          error={failure.field('name')}
        />
        <TextInput
          label={t('centres.municipality')}
          value={values.municipality}
          onChange={(e) => set({ municipality: e.currentTarget.value })}
          error={failure.field('municipality')}
        />
        <TextInput
          label={t('centres.address')}
          value={values.address}
          onChange={(e) => set({ address: e.currentTarget.value })}
          error={failure.field('address')}
        />
        <Checkbox
          label={t('centres.active')}
          checked={values.active}
          onChange={(e) => set({ active: e.currentTarget.checked })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit">{centre ? t('common.save') : t('common.create')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function CentresPage() {
  const { t } = useI18n();
  const centres = useQuery(centresQuery);
  const [editing, setEditing] = useState<Centre | 'new' | null>(null);
  const list = centres.data?.centres ?? [];

  return (
    <Stack>
      <PageHeader title={t('centres.title')}>
        <Button onClick={() => setEditing('new')}>{t('centres.new')}</Button>
      </PageHeader>
      <Text size="sm" c="gray.7" aria-live="polite">
        {t('centres.count', { count: list.length })}
      </Text>
      {list.length === 0 && !centres.isPending ? (
        <Text>{t('centres.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={500}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('centres.name')}</Table.Th>
                <Table.Th>{t('centres.municipality')}</Table.Th>
                <Table.Th>{t('centres.address')}</Table.Th>
                <Table.Th>{t('centres.status')}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((centre) => (
                <Table.Tr key={centre.id}>
                  <Table.Td>{centre.name}</Table.Td>
                  <Table.Td>{centre.municipality}</Table.Td>
                  <Table.Td>{centre.address}</Table.Td>
                  <Table.Td>
                    <Badge color={centre.active ? 'teal.9' : 'gray.7'} variant="filled">
                      {centre.active ? t('centres.active') : t('centres.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => setEditing(centre)}
                      aria-label={`${t('common.edit')}: ${centre.name}`}
                    >
                      {t('common.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('centres.new') : t('centres.edit')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        transitionProps={{ duration: 0, onEntered: focusFirstField }}
      >
        {editing !== null && (
          <CentreForm centre={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </Modal>
    </Stack>
  );
}

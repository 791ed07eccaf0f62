import { Badge, Button, Checkbox, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type Centre, type CentreInput, centreInput } from '../../../shared/contracts/centres';
import { api } from '../../api';
import { focusFirstField } from '../../components/dialog-focus';
import { PageHeader } from '../../components/page-header';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { centresQuery } from '../../queries';

const _empty: Required<CentreInput> = { name: '', municipality: '', address: '', active: true };

type CentreValues = Required<CentreInput>;

function CentreForm({ centre, onDone }: { centre: Centre | null; onDone: () => void }) {
  const { t } = useI18n();
  const form = useEntryForm<CentreValues>({
    initialValues: {
      name: centre?.name ?? '',
      municipality: centre?.municipality ?? '',
      address: centre?.address ?? '',
      active: centre?.active ?? true,
    },
    contract: centreInput,
  });
  const save = useSave({
    form,
    send: (values: CentreValues) =>
      centre
        ? api<Centre>('PUT', `/api/centres/${centre.id}`, values)
        : api<Centre>('POST', '/api/centres', values),
    invalidates: () => [centresQuery.queryKey],
    saved: t('centres.saved'),
    onSaved: onDone,
  });
  return (
    <EntryForm
      form={form}
      save={save}
      submitLabel={centre ? t('common.save') : t('common.create')}
      actions={
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      }
    >
      <TextInput label={t('centres.name')} required data-autofocus {...form.getInputProps('name')} />
      <TextInput label={t('centres.municipality')} {...form.getInputProps('municipality')} />
      <TextInput label={t('centres.address')} {...form.getInputProps('address')} />
      <Checkbox label={t('centres.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
    </EntryForm>
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

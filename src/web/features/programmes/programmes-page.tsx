import { Badge, Checkbox, Stack, Table, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type Programme, type ProgrammeInput, programmeInput } from '../../../shared/contracts/projects';
import { api } from '../../api';
import { ModalButton } from '../../components/modal-button';
import { PageHeader } from '../../components/page-header';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { programmesQuery } from '../../queries';

type ProgrammeValues = Required<Omit<ProgrammeInput, 'version'>>;

function ProgrammeForm({ programme, close }: { programme: Programme | null; close: () => void }) {
  const { t } = useI18n();
  const form = useEntryForm<ProgrammeValues>({
    initialValues: {
      nameLv: programme?.nameLv ?? '',
      nameEn: programme?.nameEn ?? '',
      descriptionLv: programme?.descriptionLv ?? '',
      descriptionEn: programme?.descriptionEn ?? '',
      active: programme?.active ?? true,
    },
    contract: programmeInput,
  });
  const save = useSave({
    form,
    send: (values: ProgrammeValues) =>
      programme
        ? // The version shown: a save from a screen opened before another's save is refused.
          api('PUT', `/api/programmes/${programme.id}`, { ...values, version: programme.version })
        : api('POST', '/api/programmes', values),
    invalidates: () => [programmesQuery.queryKey],
    saved: t('programmes.saved'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save} submitLabel={programme ? t('common.save') : t('common.create')}>
      <TextInput label={t('programmes.nameLv')} {...form.getInputProps('nameLv')} />
      <TextInput label={t('programmes.nameEn')} {...form.getInputProps('nameEn')} />
      <Textarea
        label={t('programmes.descriptionLv')}
        {...form.getInputProps('descriptionLv')}
        autosize
        minRows={2}
      />
      <Textarea
        label={t('programmes.descriptionEn')}
        {...form.getInputProps('descriptionEn')}
        autosize
        minRows={2}
      />
      <Checkbox label={t('programmes.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
    </EntryForm>
  );
}

export function ProgrammesPage() {
  const { t, language } = useI18n();
  const list = useQuery(programmesQuery).data?.programmes ?? [];
  return (
    <Stack>
      <PageHeader title={t('programmes.title')}>
        <ModalButton
          label={t('programmes.new')}
          title={t('programmes.new')}
          buttonProps={{ variant: 'filled', size: 'sm' }}
        >
          {(close) => <ProgrammeForm programme={null} close={close} />}
        </ModalButton>
      </PageHeader>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{language === 'lv' ? t('programmes.nameLv') : t('programmes.nameEn')}</Table.Th>
            <Table.Th>{t('centres.status')}</Table.Th>
            <Table.Th>
              <span className="visually-hidden">{t('common.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((p) => {
            const name = language === 'lv' ? p.nameLv : p.nameEn;
            return (
              <Table.Tr key={p.id}>
                <Table.Td>{name}</Table.Td>
                <Table.Td>
                  <Badge color={p.active ? 'teal.9' : 'gray.7'} variant="filled">
                    {p.active ? t('centres.active') : t('centres.inactive')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <ModalButton
                    label={t('common.edit')}
                    title={t('programmes.edit')}
                    ariaLabel={`${t('common.edit')}: ${name}`}
                  >
                    {(close) => <ProgrammeForm programme={p} close={close} />}
                  </ModalButton>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

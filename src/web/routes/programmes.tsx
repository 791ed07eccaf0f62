import { Badge, Button, Checkbox, Stack, Table, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Programme, ProgrammeInput } from '../../shared/contracts/projects';
import { api } from '../api';
import { FormError, useApiError } from '../components/form-error';
import { ModalButton } from '../components/modal-button';
import { PageHeader } from '../components/page-header';
import { useI18n } from '../i18n';
import { programmesQuery } from '../queries';

function ProgrammeForm({ programme, close }: { programme: Programme | null; close: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Required<ProgrammeInput>>(
    programme ?? { nameLv: '', nameEn: '', descriptionLv: '', descriptionEn: '', active: true },
  );
  const failure = useApiError();
  const save = async () => {
    const body = {
      nameLv: draft.nameLv,
      nameEn: draft.nameEn,
      descriptionLv: draft.descriptionLv,
      descriptionEn: draft.descriptionEn,
      active: draft.active,
    };
    const ok = await failure.run(() =>
      programme ? api('PUT', `/api/programmes/${programme.id}`, body) : api('POST', '/api/programmes', body),
    );
    if (!ok) return;
    await queryClient.invalidateQueries({ queryKey: programmesQuery.queryKey });
    close();
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <TextInput
        label={t('programmes.nameLv')}
        value={draft.nameLv}
        onChange={(e) => setDraft({ ...draft, nameLv: e.currentTarget.value })}
        error={failure.field('nameLv')}
      />
      <TextInput
        label={t('programmes.nameEn')}
        value={draft.nameEn}
        onChange={(e) => setDraft({ ...draft, nameEn: e.currentTarget.value })}
        error={failure.field('nameEn')}
      />
      <Textarea
        label={t('programmes.descriptionLv')}
        value={draft.descriptionLv}
        onChange={(e) => setDraft({ ...draft, descriptionLv: e.currentTarget.value })}
        autosize
        minRows={2}
      />
      <Textarea
        label={t('programmes.descriptionEn')}
        value={draft.descriptionEn}
        onChange={(e) => setDraft({ ...draft, descriptionEn: e.currentTarget.value })}
        autosize
        minRows={2}
      />
      <Checkbox
        label={t('programmes.active')}
        checked={draft.active}
        onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })}
      />
      <Button onClick={save} w="fit-content" loading={failure.pending}>
        {programme ? t('common.save') : t('common.create')}
      </Button>
    </Stack>
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

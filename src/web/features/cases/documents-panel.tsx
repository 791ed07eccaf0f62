import { Anchor, FileInput, Select, Table, Text, TextInput } from '@mantine/core';
import type { DocumentView } from '../../../shared/contracts/documents';
import type { FamilyPage } from '../../../shared/contracts/registry';
import { formatDate } from '../../../shared/i18n';
import { api } from '../../api';
import { ModalButton } from '../../components/modal-button';
import { Panel } from '../../components/panel';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { useCaseActivities } from './activities-panel';
import { caseKeys, useCaseList } from './keys';

function UploadForm({ caseId, close }: { caseId: string; close: () => void }) {
  const { t, language } = useI18n();
  const activities = useCaseActivities(caseId).data?.activities ?? [];
  type Values = { file: File | null; description: string; activityId: string | null };
  const form = useEntryForm<Values>({
    initialValues: { file: null, description: '', activityId: null },
    validate: (values): Record<string, string> => (values.file ? {} : { file: t('validation.required') }),
  });
  const save = useSave({
    form,
    // The file goes as the body; its name, description and activity as the query.
    send: ({ file, description, activityId }: Values) => {
      const query = new URLSearchParams({
        name: file!.name,
        description,
        ...(activityId ? { activityId } : {}),
      });
      return api('POST', `/api/cases/${caseId}/documents?${query}`, file);
    },
    invalidates: () => [caseKeys.all(caseId)],
    saved: t('document.saved'),
    onSaved: close,
  });
  return (
    <EntryForm form={form} save={save}>
      <FileInput label={t('document.file')} {...form.getInputProps('file')} clearable />
      <TextInput label={t('document.description')} {...form.getInputProps('description')} />
      <Select
        label={t('document.activity')}
        data={activities.map((a) => ({
          value: a.id,
          label: `${formatDate(a.occursOn)} ${language === 'lv' ? a.typeNameLv : a.typeNameEn}`,
        }))}
        {...form.getInputProps('activityId')}
        clearable
      />
    </EntryForm>
  );
}

export function useDocuments(caseId: string) {
  return useCaseList<{ documents: DocumentView[] }>(caseId, 'documents');
}

/** Files attached to the case; each download goes through the audited download route. */
export function DocumentsPanel({ data, canEdit }: { data: FamilyPage; canEdit: boolean }) {
  const { t } = useI18n();
  const query = useDocuments(data.case.id);
  const list = query.data?.documents ?? [];
  return (
    <Panel
      title={t('document.title')}
      actions={
        canEdit && (
          <ModalButton
            label={t('document.upload')}
            title={t('document.upload')}
            buttonProps={{ variant: 'default' }}
          >
            {(close) => <UploadForm caseId={data.case.id} close={close} />}
          </ModalButton>
        )
      }
    >
      {list.length === 0 ? (
        <Text size="sm">{t('document.none')}</Text>
      ) : (
        <Table>
          <Table.Tbody>
            {list.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Anchor
                    href={`/api/documents/${d.id}/download`}
                    aria-label={t('document.download', { file: d.fileName })}
                  >
                    {d.fileName}
                  </Anchor>
                  {d.description ? <Text size="xs">{d.description}</Text> : null}
                </Table.Td>
                <Table.Td>
                  {t('document.size', { size: Math.max(1, Math.round(d.sizeBytes / 1024)) })}
                </Table.Td>
                <Table.Td>
                  {t('document.line', {
                    date: formatDate(d.uploadedAt.slice(0, 10)),
                    name: d.uploadedByName,
                  })}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Panel>
  );
}

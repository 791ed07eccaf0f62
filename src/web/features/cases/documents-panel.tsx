import { Anchor, Button, FileInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { DocumentView } from '../../../shared/contracts/documents';
import type { FamilyPage } from '../../../shared/contracts/registry';
import { formatDate } from '../../../shared/i18n';
import { api } from '../../api';
import { FormError, useApiError } from '../../components/form-error';
import { ModalButton } from '../../components/modal-button';
import { Panel } from '../../components/panel';
import { useI18n } from '../../i18n';
import { useCaseActivities } from './activities-panel';
import { useCaseList } from './keys';

function UploadForm({ caseId, close, onDone }: { caseId: string; close: () => void; onDone: () => void }) {
  const { t, language } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription] = useState('');
  const [activityId, setActivityId] = useState<string | null>(null);
  const activities = useCaseActivities(caseId).data?.activities ?? [];
  const failure = useApiError();
  const save = async () => {
    if (!file) return;
    const query = new URLSearchParams({
      name: file.name,
      description,
      ...(activityId ? { activityId } : {}),
    });
    if (await failure.run(() => api('POST', `/api/cases/${caseId}/documents?${query}`, file))) {
      close();
      onDone();
    }
  };
  return (
    <Stack>
      <FormError error={failure.error} />
      <FileInput
        label={t('document.file')}
        value={file}
        onChange={setFile}
        error={failure.field('file')}
        clearable
      />
      <TextInput
        label={t('document.description')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        error={failure.field('description')}
      />
      <Select
        label={t('document.activity')}
        data={activities.map((a) => ({
          value: a.id,
          label: `${formatDate(a.occursOn)} ${language === 'lv' ? a.typeNameLv : a.typeNameEn}`,
        }))}
        value={activityId}
        onChange={setActivityId}
        error={failure.field('activityId')}
        clearable
      />
      <Button onClick={save} w="fit-content" loading={failure.pending} disabled={!file}>
        {t('common.save')}
      </Button>
    </Stack>
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
            {(close) => <UploadForm caseId={data.case.id} close={close} onDone={() => query.refetch()} />}
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

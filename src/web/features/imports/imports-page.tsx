import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  FileInput,
  Group,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  type ImportJobView,
  type ImportKind,
  type ImportMapping,
  type ImportView,
  importAccess,
  importFields,
  importKinds,
  requiredImportFields,
} from '../../../shared/contracts/imports';
import { formatDateTime } from '../../../shared/i18n';
import { type ApiError, api } from '../../api';
import { FormError } from '../../components/form-error';
import { ModalButton } from '../../components/modal-button';
import { PageHeader } from '../../components/page-header';
import { ReasonForm } from '../../components/reason-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { useActiveCentresWith } from '../../queries';
import { useMe } from '../../session';

interface FileView {
  headers: string[];
  sample: string[][];
  rows: number;
  mapping: ImportMapping;
  savedMapping: boolean;
}

const importsQuery = {
  queryKey: ['imports'],
  queryFn: () => api<{ imports: ImportView[] }>('GET', '/api/imports'),
};

/**
 * A centre manager brings a spreadsheet of families, or of activities with attendance, in: choose what,
 * the centre and the file, check which
 * column holds what, check every row (a dry run, with a progress bar), download the file back with its
 * problems, and import, all or nothing. Earlier imports are listed below, each undoable.
 */
export function ImportsPage() {
  const { t } = useI18n();
  const me = useMe();
  const [centreId, setCentreId] = useState<string | null>(null);
  // The kinds this user may import: those of the pages where she would type the same records in.
  const kinds = importKinds.filter((value) => {
    const rule = importAccess[value];
    const granted = me.data?.permissions ?? [];
    return 'centre' in rule
      ? granted.includes(rule.centre)
      : rule.anyPermission.some((p) => granted.includes(p));
  });
  const [chosenKind, setKind] = useState<ImportKind | null>(null);
  const kind = chosenKind ?? kinds[0] ?? 'families';
  const access = importAccess[kind];
  const intoCentre = 'centre' in access;
  // The centres the records may go into: those where she holds the kind's permission.
  const managed = useActiveCentresWith('centre' in access ? access.centre : 'cases.supervise');
  const [file, setFile] = useState<File | null>(null);
  const [view, setView] = useState<FileView | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [skipProblems, setSkipProblems] = useState(false);
  /** The job last started (a check or a run), followed until it ends; null once the mapping changes. */
  const [started, setStarted] = useState<{ id: string; mode: 'check' | 'run' } | null>(null);
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!centreId && managed.length === 1) setCentreId(managed[0]!.id);
  }, [centreId, managed]);

  // The file is read on the server, which guesses (or remembers) which column holds which field.
  const reading = useSave({
    send: ({ chosen, as }: { chosen: File; as: ImportKind }) =>
      api<FileView>(
        'POST',
        `/api/imports/file?${new URLSearchParams({ kind: as, name: chosen.name })}`,
        chosen,
      ),
    onSaved: (answer) => {
      setView(answer);
      setMapping(answer.mapping);
    },
  });
  const read = (chosen: File | null, as: ImportKind = kind) => {
    setFile(chosen);
    setView(null);
    setStarted(null);
    if (chosen) void reading.run({ chosen, as });
  };

  const starting = useSave({
    send: ({ mode }: { mode: 'check' | 'run' }) => {
      const query = new URLSearchParams({
        kind,
        name: file!.name,
        mapping: JSON.stringify(mapping),
        mode,
        skipProblems: String(skipProblems),
      });
      if (intoCentre && centreId) query.set('centreId', centreId);
      return api<{ id: string }>('POST', `/api/imports/jobs?${query}`, file);
    },
    onSaved: (answer, { mode }) => setStarted({ id: answer.id, mode }),
  });
  const start = (mode: 'check' | 'run') => {
    if (!file || (intoCentre && !centreId)) return;
    setStarted(null);
    void starting.run({ mode });
  };

  // Follows a running job until it ends (its progress, then its result).
  const following = useQuery({
    queryKey: ['imports', 'jobs', started?.id],
    queryFn: () => api<ImportJobView>('GET', `/api/imports/jobs/${started!.id}`),
    enabled: started !== null,
    refetchInterval: (query) => (query.state.data?.state === 'running' ? 300 : false),
  });
  const job: ImportJobView | null = started
    ? (following.data ?? {
        id: started.id,
        mode: started.mode,
        state: 'running',
        processed: 0,
        total: 0,
        result: null,
        error: null,
      })
    : null;
  const committed = !!job?.result?.committed;
  useEffect(() => {
    if (committed) void queryClient.invalidateQueries({ queryKey: importsQuery.queryKey });
  }, [committed, queryClient]);
  const failure = reading.error ?? starting.error ?? (following.error as ApiError | null);

  const result = job?.result ?? null;
  const running = job?.state === 'running';
  const checked = job?.mode === 'check' && job.state === 'done' && result;
  const canRun = checked && result.imported > 0 && (result.withProblems === 0 || skipProblems);

  return (
    <Stack>
      <PageHeader title={t('import.title')} />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="import-kind-label">
          {t('import.kind')}
        </Text>
        <SegmentedControl
          aria-labelledby="import-kind-label"
          data={kinds.map((value) => ({ value, label: t(`import.kind.${value}`) }))}
          value={kind}
          onChange={(value) => {
            setKind(value as ImportKind);
            // The same file read again for the other kind: its columns mean other fields.
            void read(file, value as ImportKind);
          }}
          style={{ alignSelf: 'flex-start' }}
        />
      </Stack>
      <Text>{t(`import.intro.${kind}`)}</Text>
      <FormError error={failure} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {intoCentre && (
          <Select
            label={t('import.centre')}
            data={managed.map((c) => ({ value: c.id, label: c.name }))}
            value={centreId}
            onChange={setCentreId}
            required
            allowDeselect={false}
          />
        )}
        <FileInput
          label={t('import.file')}
          description={t('import.fileHint')}
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={read}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          required
        />
      </SimpleGrid>

      {view && (
        <MappingForm
          kind={kind}
          view={view}
          mapping={mapping}
          onChange={(next) => {
            setMapping(next);
            setStarted(null);
          }}
        />
      )}

      {view && (
        <Group>
          <Button
            onClick={() => start('check')}
            loading={running && job?.mode === 'check'}
            disabled={(intoCentre && !centreId) || running}
          >
            {t('import.check')}
          </Button>
          {checked && result.withProblems > 0 && result.imported > 0 && (
            <Checkbox
              label={t(`import.${kind}.skipProblems`, { count: result.withProblems })}
              checked={skipProblems}
              onChange={(e) => setSkipProblems(e.currentTarget.checked)}
            />
          )}
          <Button
            onClick={() => start('run')}
            color="teal.9"
            disabled={!canRun || running}
            loading={running && job?.mode === 'run'}
          >
            {t('import.run')}
          </Button>
        </Group>
      )}

      {running && (
        <Stack gap={4}>
          <Text size="sm" id="import-progress-label">
            {t(`import.${kind}.progress`, { done: job.processed, total: job.total })}
          </Text>
          <Progress
            value={job.total ? (job.processed / job.total) * 100 : 0}
            aria-labelledby="import-progress-label"
            role="progressbar"
            aria-valuenow={job.total ? Math.round((job.processed / job.total) * 100) : 0}
            aria-valuemin={0}
            aria-valuemax={100}
          />
        </Stack>
      )}
      {job?.state === 'failed' && (
        <Alert color="red" role="alert">
          {job.error}
        </Alert>
      )}
      {job && result && <ImportResultView kind={kind} job={job} />}
      <ImportList />
    </Stack>
  );
}

/** Which column holds which field: guessed, remembered, and changeable. */
function MappingForm({
  kind,
  view,
  mapping,
  onChange,
}: {
  kind: ImportKind;
  view: FileView;
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
}) {
  const { t } = useI18n();
  const columns = view.headers.map((header, index) => ({
    value: String(index),
    label: header || `#${index + 1}`,
  }));
  // Cells are positional: a column is its number, a sample row its line.
  const sample = view.sample.map((cells, line) => ({
    line,
    cells: cells.map((text, column) => ({ column, text })),
  }));
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('import.columns')}
      </Title>
      <Text size="sm">
        {t('import.rowsInFile', { count: view.rows })}{' '}
        {view.savedMapping ? t('import.mappingSaved') : t('import.mappingGuessed')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {importFields[kind].map((field) => (
          <Select
            key={field}
            label={t(`import.field.${field}`)}
            required={requiredImportFields[kind].includes(field)}
            placeholder={t('import.notInFile')}
            data={columns}
            value={mapping[field] === undefined ? null : String(mapping[field])}
            onChange={(value) => {
              const next = { ...mapping };
              if (value === null) delete next[field];
              else next[field] = Number(value);
              onChange(next);
            }}
            clearable
            clearButtonProps={{ 'aria-label': `${t('common.clear')}: ${t(`import.field.${field}`)}` }}
          />
        ))}
      </SimpleGrid>
      <Table.ScrollContainer minWidth={500}>
        <Table striped>
          <Table.Caption>{t('import.sample')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column.value}>{column.label}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sample.map((row) => (
              <Table.Tr key={row.line}>
                {row.cells.map((cell) => (
                  <Table.Td key={cell.column}>{cell.text}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function ImportResultView({ kind, job }: { kind: ImportKind; job: ImportJobView }) {
  const { t } = useI18n();
  const result = job.result!;
  const summary = t(
    `import.${kind}.${job.mode === 'check' ? 'checked' : result.committed ? 'done' : 'notDone'}`,
    {
      records: result.records,
      imported: result.imported,
      already: result.already,
      problems: result.withProblems,
    },
  );
  return (
    <Stack gap="xs">
      <Alert
        color={result.withProblems > 0 && !result.committed ? 'orange' : 'teal'}
        role="status"
        variant="light"
      >
        {summary}
      </Alert>
      {result.problemCount > 0 && (
        <>
          <Anchor href={`/api/imports/jobs/${job.id}/problems`} download>
            {t('import.problemsFile')}
          </Anchor>
          <Table.ScrollContainer minWidth={500}>
            <Table>
              <Table.Caption>{t('import.problems', { count: result.problemCount })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.row')}</Table.Th>
                  <Table.Th>{t('import.column')}</Table.Th>
                  <Table.Th>{t('import.problem')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.problems.map((p) => (
                  <Table.Tr key={`${p.row}-${p.column}-${p.message}`}>
                    <Table.Td>{p.row}</Table.Td>
                    <Table.Td>{p.column ?? ''}</Table.Td>
                    <Table.Td>{p.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      {job.mode === 'check' && result.preview.lines.length > 0 && (
        <Table.ScrollContainer minWidth={500}>
          <Table striped>
            <Table.Caption>{t(`import.${kind}.preview`)}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('import.row')}</Table.Th>
                {result.preview.columns.map((column) => (
                  <Table.Th key={column}>{column}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.preview.lines.map((line) => (
                <Table.Tr key={line.row}>
                  <Table.Td>{line.row}</Table.Td>
                  {line.values.map((value, column) => (
                    // Cells are positional: the preview's columns.
                    <Table.Td key={result.preview.columns[column]}>{value}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** The imports into the user's centres, each undoable with a reason while nothing was built on it. */
function ImportList() {
  const { t } = useI18n();
  const list = useQuery(importsQuery);
  const imports = list.data?.imports ?? [];
  if (imports.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('import.earlier')}
      </Title>
      <Table.ScrollContainer minWidth={600}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('import.when')}</Table.Th>
              <Table.Th>{t('import.file')}</Table.Th>
              <Table.Th>{t('import.centre')}</Table.Th>
              <Table.Th>{t('import.kind')}</Table.Th>
              <Table.Th>{t('import.records')}</Table.Th>
              <Table.Th>{t('import.by')}</Table.Th>
              <Table.Th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {imports.map((i) => (
              <Table.Tr key={i.id} style={i.undoneAt ? { textDecoration: 'line-through' } : undefined}>
                <Table.Td>{formatDateTime(i.createdAt)}</Table.Td>
                <Table.Td>{i.fileName}</Table.Td>
                <Table.Td>{i.centreName ?? t('import.organisationWide')}</Table.Td>
                <Table.Td>{t(`import.kind.${i.kind}`)}</Table.Td>
                <Table.Td>{i.imported}</Table.Td>
                <Table.Td>{i.createdBy}</Table.Td>
                <Table.Td style={{ textDecoration: 'none' }}>
                  {i.undoneAt ? (
                    <Text size="sm">
                      {t('import.undoneBy', {
                        by: i.undoneBy ?? '',
                        at: formatDateTime(i.undoneAt),
                        reason: i.undoReason ?? '',
                      })}
                    </Text>
                  ) : (
                    <UndoButton importView={i} />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function UndoButton({ importView }: { importView: ImportView }) {
  const { t } = useI18n();
  return (
    <ModalButton
      label={t('import.undo')}
      title={t('import.undo')}
      ariaLabel={`${t('import.undo')}: ${importView.fileName}`}
      buttonProps={{ variant: 'outline', color: 'red.9', size: 'compact-sm' }}
    >
      {(close) => <UndoForm importView={importView} onDone={close} />}
    </ModalButton>
  );
}

function UndoForm({ importView, onDone }: { importView: ImportView; onDone: () => void }) {
  const { t } = useI18n();
  const id = importView.id;
  return (
    <ReasonForm
      explain={t(`import.${importView.kind}.undoExplain`)}
      reasonLabel={t('import.undoReason')}
      submitLabel={t('import.undo')}
      send={(reason) => api('POST', `/api/imports/${id}/undo`, { reason })}
      invalidates={[importsQuery.queryKey]}
      saved={t('import.undone')}
      onDone={onDone}
    />
  );
}

import {
  Button,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { type ProjectView, projectInput } from '../../../shared/contracts/projects';
import {
  type IndicatorKey,
  indicatorKeys,
  type ProjectStatus,
  projectStatuses,
} from '../../../shared/indicators';
import { api } from '../../api';
import { DateField } from '../../components/date-field';
import { useOptions } from '../../components/labels';
import { RowsEditor, rowKey } from '../../components/rows-editor';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';
import { centresQuery, programmesQuery } from '../../queries';
import { projectKeys } from './keys';

interface Draft extends Record<string, unknown> {
  code: string;
  titleLv: string;
  titleEn: string;
  descriptionLv: string;
  descriptionEn: string;
  startsOn: string;
  endsOn: string;
  status: ProjectStatus;
  places: string[];
  centreIds: string[];
  programmeIds: string[];
  viewerIds: string[];
  funders: { key: number; name: string; fundingProgramme: string; donorCountries: string[] }[];
  partners: { key: number; name: string; role: string }[];
  targets: {
    key: number;
    indicatorKey: IndicatorKey;
    plannedValue: number | string;
    periodYear: number | string;
    periodQuarter: string;
  }[];
}

function draftOf(project: ProjectView | undefined): Draft {
  if (!project) {
    return {
      code: '',
      titleLv: '',
      titleEn: '',
      descriptionLv: '',
      descriptionEn: '',
      startsOn: '',
      endsOn: '',
      status: 'planned',
      places: [],
      centreIds: [],
      programmeIds: [],
      viewerIds: [],
      funders: [],
      partners: [],
      targets: [],
    };
  }
  return {
    ...project,
    funders: project.funders.map((f) => ({ ...f, key: rowKey() })),
    partners: project.partners.map((x) => ({ ...x, key: rowKey() })),
    centreIds: project.centres.map((c) => c.id),
    programmeIds: project.programmes.map((p) => p.id),
    targets: project.targets.map((x) => ({
      key: rowKey(),
      indicatorKey: x.indicatorKey,
      plannedValue: x.plannedValue,
      periodYear: x.periodYear ?? '',
      periodQuarter: x.periodQuarter ? String(x.periodQuarter) : '',
    })),
  };
}

/** Creating or editing a project as published: description, period, links, funders, partners, targets. */
export function ProjectFormPage() {
  const params = useParams({ strict: false }) as { projectId?: string };
  const existing = useQuery({
    queryKey: projectKeys.page(params.projectId!),
    queryFn: () => api<ProjectView>('GET', `/api/projects/${params.projectId}`),
    enabled: !!params.projectId,
  });
  if (params.projectId && !existing.data) return null;
  return <ProjectForm project={existing.data} />;
}

function ProjectForm({ project }: { project: ProjectView | undefined }) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const body = (draft: Draft) => ({
    ...draft,
    funders: draft.funders.map(({ key: _, ...f }) => f),
    partners: draft.partners.map(({ key: _, ...x }) => x),
    targets: draft.targets.map((x) => ({
      indicatorKey: x.indicatorKey,
      plannedValue: Number(x.plannedValue),
      periodYear: x.periodYear === '' ? null : Number(x.periodYear),
      periodQuarter: x.periodQuarter === '' ? null : Number(x.periodQuarter),
    })),
    ...(project ? { version: project.version } : {}),
  });
  const form = useEntryForm<Draft>({ initialValues: draftOf(project), contract: projectInput, toBody: body });
  const save = useSave({
    form,
    send: (values: Draft) =>
      project
        ? api<ProjectView>('PUT', `/api/projects/${project.id}`, body(values))
        : api<ProjectView>('POST', '/api/projects', body(values)),
    invalidates: (saved) => [projectKeys.list(), projectKeys.one(saved.id)],
    saved: t('projects.saved'),
    onSaved: (saved) => navigate({ to: '/projects/$projectId', params: { projectId: saved.id } }),
  });
  const draft = form.values;
  const centres = useQuery(centresQuery).data?.centres ?? [];
  const programmes = useQuery(programmesQuery).data?.programmes ?? [];
  const viewers =
    useQuery({
      queryKey: ['partner-viewers'],
      queryFn: () =>
        api<{ viewers: { id: string; name: string; email: string }[] }>(
          'GET',
          '/api/projects/partner-viewers',
        ),
    }).data?.viewers ?? [];
  const statusOptions = useOptions(projectStatuses, 'projectStatus');
  const indicatorOptions = useOptions(indicatorKeys, 'indicator');
  const set = (patch: Partial<Draft>) => form.setValues(patch);
  const listItem = <K extends 'funders' | 'partners' | 'targets'>(
    key: K,
    index: number,
    patch: Partial<Draft[K][number]>,
  ) =>
    set({
      [key]: draft[key].map((item, i) => (i === index ? { ...item, ...patch } : item)),
    } as Partial<Draft>);
  const field = (name: string) => form.errors[name];

  return (
    <Stack maw={960}>
      <Title order={1}>{project ? t('projects.edit') : t('projects.new')}</Title>
      <EntryForm form={form} save={save}>
        <Group grow align="flex-start">
          <TextInput
            label={t('projects.code')}
            value={draft.code}
            onChange={(e) => set({ code: e.currentTarget.value })}
            error={field('code')}
            required
          />
          <Select
            label={t('projects.status')}
            data={statusOptions}
            value={draft.status}
            onChange={(v) => set({ status: (v ?? 'planned') as ProjectStatus })}
            allowDeselect={false}
          />
        </Group>
        <TextInput
          label={t('projects.titleLv')}
          value={draft.titleLv}
          onChange={(e) => set({ titleLv: e.currentTarget.value })}
          error={field('titleLv')}
          required
        />
        <TextInput
          label={t('projects.titleEn')}
          value={draft.titleEn}
          onChange={(e) => set({ titleEn: e.currentTarget.value })}
        />
        <Textarea
          label={t('projects.descriptionLv')}
          value={draft.descriptionLv}
          onChange={(e) => set({ descriptionLv: e.currentTarget.value })}
          autosize
          minRows={2}
        />
        <Textarea
          label={t('projects.descriptionEn')}
          value={draft.descriptionEn}
          onChange={(e) => set({ descriptionEn: e.currentTarget.value })}
          autosize
          minRows={2}
        />
        <Group grow align="flex-start">
          <DateField
            label={t('projects.startsOn')}
            value={draft.startsOn}
            onChange={(startsOn) => set({ startsOn })}
            error={field('startsOn')}
            required
          />
          <DateField
            label={t('projects.endsOn')}
            value={draft.endsOn}
            onChange={(endsOn) => set({ endsOn })}
            error={field('endsOn')}
            required
          />
        </Group>
        <TagsInput
          label={t('projects.places')}
          description={t('projects.placesHint')}
          value={draft.places}
          onChange={(places) => set({ places })}
        />
        <Group grow align="flex-start">
          <MultiSelect
            label={t('projects.centres')}
            data={centres.map((c) => ({ value: c.id, label: c.name }))}
            value={draft.centreIds}
            onChange={(centreIds) => set({ centreIds })}
            placeholder={draft.centreIds.length ? undefined : t('common.choose')}
          />
          <MultiSelect
            label={t('projects.programmes')}
            data={programmes.map((p) => ({ value: p.id, label: language === 'lv' ? p.nameLv : p.nameEn }))}
            value={draft.programmeIds}
            onChange={(programmeIds) => set({ programmeIds })}
            placeholder={draft.programmeIds.length ? undefined : t('common.choose')}
          />
        </Group>

        <MultiSelect
          label={t('role.partner_viewer')}
          data={viewers.map((v) => ({ value: v.id, label: `${v.name} (${v.email})` }))}
          value={draft.viewerIds}
          onChange={(viewerIds) => set({ viewerIds })}
          placeholder={draft.viewerIds.length ? undefined : t('common.choose')}
        />
        <Title order={2} size="h3">
          {t('projects.funders')}
        </Title>
        {draft.funders.map((funder, index) => (
          <Fieldset key={funder.key} legend={`${t('projects.funder')} ${index + 1}`}>
            <Group grow align="flex-start">
              <TextInput
                label={t('projects.funder')}
                value={funder.name}
                onChange={(e) => listItem('funders', index, { name: e.currentTarget.value })}
                error={field(`funders.${index}.name`)}
              />
              <TextInput
                label={t('projects.fundingProgramme')}
                value={funder.fundingProgramme}
                onChange={(e) => listItem('funders', index, { fundingProgramme: e.currentTarget.value })}
              />
            </Group>
            <TagsInput
              label={t('projects.donorCountries')}
              description={t('projects.placesHint')}
              value={funder.donorCountries}
              onChange={(donorCountries) => listItem('funders', index, { donorCountries })}
            />
            <Button
              variant="subtle"
              size="xs"
              c="red.9"
              mt="xs"
              onClick={() => set({ funders: draft.funders.filter((_, i) => i !== index) })}
            >
              {t('projects.remove')}
            </Button>
          </Fieldset>
        ))}
        <Button
          variant="default"
          w="fit-content"
          onClick={() =>
            set({
              funders: [
                ...draft.funders,
                { key: rowKey(), name: '', fundingProgramme: '', donorCountries: [] },
              ],
            })
          }
        >
          {t('projects.addFunder')}
        </Button>

        <Title order={2} size="h3">
          {t('projects.partners')}
        </Title>
        <RowsEditor
          rows={draft.partners}
          onChange={(partners) => set({ partners })}
          newRow={() => ({ name: '', role: '' })}
          addLabel={t('projects.addPartner')}
          rowLabel={(index) => `${t('projects.partner')} ${index + 1}`}
        >
          {(partner, index, update) => (
            <>
              <TextInput
                label={`${t('projects.partner')} ${index + 1}`}
                value={partner.name}
                onChange={(e) => update({ name: e.currentTarget.value })}
                error={field(`partners.${index}.name`)}
              />
              <TextInput
                label={t('projects.partnerRole')}
                value={partner.role}
                onChange={(e) => update({ role: e.currentTarget.value })}
              />
            </>
          )}
        </RowsEditor>

        <Title order={2} size="h3">
          {t('projects.targets')}
        </Title>
        <RowsEditor
          rows={draft.targets}
          onChange={(targets) => set({ targets })}
          newRow={() => ({
            indicatorKey: 'families_reached' as IndicatorKey,
            plannedValue: '',
            periodYear: '',
            periodQuarter: '',
          })}
          addLabel={t('projects.addTarget')}
          rowLabel={(index) => `${t('projects.indicator')} ${index + 1}`}
        >
          {(target, index, update) => (
            <>
              <Select
                label={`${t('projects.indicator')} ${index + 1}`}
                data={indicatorOptions}
                value={target.indicatorKey}
                onChange={(v) => update({ indicatorKey: (v ?? 'families_reached') as IndicatorKey })}
                allowDeselect={false}
                error={field(`targets.${index}.indicatorKey`)}
              />
              <NumberInput
                label={t('projects.planned')}
                value={target.plannedValue}
                onChange={(v) => update({ plannedValue: v })}
                min={0}
                error={field(`targets.${index}.plannedValue`)}
              />
              <NumberInput
                label={t('projects.year')}
                placeholder={t('projects.wholePeriod')}
                value={target.periodYear}
                onChange={(v) => update({ periodYear: v })}
                min={1990}
                max={2100}
                error={field(`targets.${index}.periodYear`)}
              />
              <Select
                label={t('projects.quarter')}
                data={[
                  { value: '', label: t('projects.wholePeriod') },
                  ...['1', '2', '3', '4'].map((q) => ({ value: q, label: q })),
                ]}
                value={target.periodQuarter}
                onChange={(v) => update({ periodQuarter: v ?? '' })}
                allowDeselect={false}
              />
            </>
          )}
        </RowsEditor>
      </EntryForm>
    </Stack>
  );
}

import { Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type RetentionRules, retentionRulesInput } from '../../../shared/contracts/retention';
import { api } from '../../api';
import { EntryForm, useEntryForm } from '../../data-entry/entry-form';
import { useSave } from '../../data-entry/save';
import { useI18n } from '../../i18n';

export const retentionRulesQuery = {
  queryKey: ['retention-rules'],
  queryFn: () => api<RetentionRules>('GET', '/api/organisation/retention-rules'),
};

/** The rules in words, as the records of processing give them. */
export function RetentionRulesText({
  rules,
}: {
  rules: Pick<RetentionRules, 'caseYears' | 'documentYears'>;
}) {
  const { t } = useI18n();
  return (
    <Text size="sm">
      {t('processing.retention.cases', { count: rules.caseYears })}{' '}
      {t('processing.retention.documents', { count: rules.documentYears })}
    </Text>
  );
}

/** The administrator's form for the organisation's retention rules, once they are read. */
export function RetentionRulesForm() {
  const rules = useQuery(retentionRulesQuery).data;
  return rules ? <RulesForm rules={rules} /> : null;
}

type RulesValues = { caseYears: number | string; documentYears: number | string };

function RulesForm({ rules }: { rules: RetentionRules }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const body = (values: RulesValues) => ({
    caseYears: Number(values.caseYears),
    documentYears: Number(values.documentYears),
  });
  const form = useEntryForm<RulesValues>({
    initialValues: { caseYears: rules.caseYears, documentYears: rules.documentYears },
    contract: retentionRulesInput,
    toBody: body,
  });
  const save = useSave({
    form,
    send: (values: RulesValues) =>
      api<RetentionRules>('PUT', '/api/organisation/retention-rules', body(values)),
    // What the rules decide (the retention overview) is read again.
    invalidates: () => [['retention']],
    saved: t('retention.saved'),
    onSaved: (answer) => {
      queryClient.setQueryData(retentionRulesQuery.queryKey, answer);
    },
  });
  return (
    <section aria-labelledby="retention-rules-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="retention-rules-title">
          {t('retention.rules')}
        </Title>
        <Text size="sm">{t('retention.rulesHint')}</Text>
        {!rules.custom && (
          <Text size="sm" c="gray.7">
            {t('retention.default')}
          </Text>
        )}
        <EntryForm form={form} save={save} submitLabel={t('retention.save')}>
          <Group align="flex-start">
            <NumberInput
              label={t('retention.caseYears')}
              {...form.getInputProps('caseYears')}
              min={1}
              max={100}
              allowDecimal={false}
              required
            />
            <NumberInput
              label={t('retention.documentYears')}
              {...form.getInputProps('documentYears')}
              min={1}
              max={100}
              allowDecimal={false}
              required
            />
          </Group>
        </EntryForm>
      </Stack>
    </section>
  );
}

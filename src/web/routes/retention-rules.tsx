import { Button, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import type { RetentionRules } from '../../shared/contracts/retention';
import { api } from '../api';
import { FormError, useApiError } from '../components/form-error';
import { useI18n } from '../i18n';

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

/** The administrator's form for the organisation's retention rules. */
export function RetentionRulesForm() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const rules = useQuery(retentionRulesQuery);
  const [caseYears, setCaseYears] = useState<number | string>('');
  const [documentYears, setDocumentYears] = useState<number | string>('');
  const [saved, setSaved] = useState(false);
  const failure = useApiError();
  useEffect(() => {
    if (!rules.data) return;
    setCaseYears(rules.data.caseYears);
    setDocumentYears(rules.data.documentYears);
  }, [rules.data]);
  if (!rules.data) return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const answer = await failure.run(() =>
      api<RetentionRules>('PUT', '/api/organisation/retention-rules', {
        caseYears: Number(caseYears),
        documentYears: Number(documentYears),
      }),
    );
    if (!answer) return;
    queryClient.setQueryData(retentionRulesQuery.queryKey, answer);
    await queryClient.invalidateQueries({ queryKey: ['retention'] });
    setSaved(true);
  };
  return (
    <section aria-labelledby="retention-rules-title">
      <form onSubmit={submit}>
        <Stack gap="xs">
          <Title order={2} size="h4" id="retention-rules-title">
            {t('retention.rules')}
          </Title>
          <Text size="sm">{t('retention.rulesHint')}</Text>
          {!rules.data.custom && (
            <Text size="sm" c="gray.7">
              {t('retention.default')}
            </Text>
          )}
          <FormError error={failure.error} />
          <Group align="flex-start">
            <NumberInput
              label={t('retention.caseYears')}
              value={caseYears}
              onChange={(value) => setCaseYears(value)}
              min={1}
              max={100}
              allowDecimal={false}
              required
              error={failure.field('caseYears')}
            />
            <NumberInput
              label={t('retention.documentYears')}
              value={documentYears}
              onChange={(value) => setDocumentYears(value)}
              min={1}
              max={100}
              allowDecimal={false}
              required
              error={failure.field('documentYears')}
            />
          </Group>
          <Group>
            <Button type="submit" w="fit-content" loading={failure.pending}>
              {t('retention.save')}
            </Button>
            {saved && (
              <Text size="sm" role="status">
                {t('retention.saved')}
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </section>
  );
}

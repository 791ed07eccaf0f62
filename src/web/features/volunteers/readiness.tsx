import { Badge, Stack, Text } from '@mantine/core';
import type { VolunteerReadiness } from '../../../shared/contracts/projects';
import { formatDate } from '../../../shared/i18n';
import { useI18n } from '../../i18n';

/** Whether a volunteer may mentor a child today, and what is missing or about to expire. */
export function Readiness({ readiness }: { readiness: VolunteerReadiness }) {
  const { t } = useI18n();
  const check = (kind: string) => t(`volunteers.check.${kind}` as 'volunteers.check.interview');
  return (
    <Stack gap={2}>
      {readiness.ready ? (
        <Badge color="green.9" variant="light">
          {t('volunteers.ready')}
        </Badge>
      ) : (
        <Text size="sm" c="red.9">
          {t('volunteers.missing', { list: readiness.missing.map(check).join(', ') })}
        </Text>
      )}
      {readiness.expiring.map((e) => (
        <Text size="sm" c="orange.9" key={e.kind}>
          {t('volunteers.expiring', { check: check(e.kind), date: formatDate(e.expiresOn) })}
        </Text>
      ))}
    </Stack>
  );
}

import { List, Stack, Text, Title } from '@mantine/core';
import { DashboardPanels } from '../features/dashboard/dashboard-panels';
import { useI18n } from '../i18n';
import { useMe } from '../session';

export function HomePage() {
  const { t } = useI18n();
  const me = useMe().data;
  if (!me) return null;
  return (
    <Stack>
      <Title order={1}>{t('home.title', { name: me.user.givenName })}</Title>
      <DashboardPanels />
      <Title order={2} size="h4">
        {t('home.roles')}
      </Title>
      {me.roles.length === 0 ? (
        <Text>{t('home.noRoles')}</Text>
      ) : (
        <List>
          {me.roles.map((grant) => (
            <List.Item key={grant.id}>
              {t(`role.${grant.role}`)} — {grant.centreName ?? t('users.wholeOrganisation')}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

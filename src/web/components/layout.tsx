import { Alert, Anchor, AppShell, Burger, Button, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import type { Permission } from '../../shared/access';
import type { MeResponse } from '../../shared/contracts/auth';
import { importPermissions } from '../../shared/contracts/imports';
import { formatDateTime, type MessageKey } from '../../shared/i18n';
import { api } from '../api';
import { HeaderSearch } from '../features/search/header-search';
import { useI18n } from '../i18n';
import { useSetMe } from '../session';
import { LanguageSwitch } from './language-switch';

/** Each link shows when the user holds its permission (or any of several). */
const navigation: { to: string; label: MessageKey; permission?: Permission | Permission[] }[] = [
  { to: '/', label: 'nav.home' },
  { to: '/cases', label: 'nav.cases', permission: 'cases.read' },
  { to: '/search', label: 'nav.search', permission: 'cases.read' },
  { to: '/register', label: 'nav.register', permission: 'cases.write' },
  { to: '/activities', label: 'nav.centreActivities', permission: 'cases.read' },
  { to: '/groups', label: 'nav.groups', permission: ['groups.run', 'cases.read'] },
  { to: '/events', label: 'nav.events', permission: 'cases.read' },
  { to: '/institutions', label: 'nav.institutions', permission: ['cases.write', 'catalogues.manage'] },
  { to: '/projects', label: 'nav.projects', permission: ['projects.read', 'partner.read'] },
  { to: '/reports', label: 'nav.reports', permission: 'reports.read' },
  { to: '/programmes', label: 'nav.programmes', permission: ['projects.manage', 'catalogues.manage'] },
  {
    to: '/contracts',
    label: 'nav.contracts',
    permission: ['projects.read', 'partner.read', 'cases.supervise'],
  },
  { to: '/mentoring', label: 'nav.mentoring', permission: 'mentoring.run' },
  {
    to: '/volunteers',
    label: 'nav.volunteers',
    permission: ['projects.manage', 'mentoring.run', 'finance.manage'],
  },
  { to: '/admin/centres', label: 'nav.centres', permission: 'centres.manage' },
  { to: '/admin/users', label: 'nav.users', permission: 'users.manage' },
  { to: '/audit', label: 'nav.audit', permission: 'audit.read' },
  { to: '/subject-access', label: 'nav.subjectAccess', permission: 'subjects.export' },
  { to: '/imports', label: 'nav.imports', permission: importPermissions },
  { to: '/processing', label: 'nav.processing', permission: 'audit.read' },
  { to: '/account', label: 'nav.account' },
];

/** The frame of every page: header with language and sign-out, navigation by permission. */
export function Layout({
  me,
  children,
  minimal = false,
}: {
  me: MeResponse;
  children: ReactNode;
  minimal?: boolean;
}) {
  const { t } = useI18n();
  const [opened, { toggle, close }] = useDisclosure();
  const setMe = useSetMe();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const signOut = async () => {
    await api('POST', '/api/auth/logout').catch(() => {});
    setMe(null);
  };
  const items = navigation.filter(
    (item) => !item.permission || [item.permission].flat().some((p) => me.permissions.includes(p)),
  );

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={minimal ? undefined : { width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <Anchor href="#main" className="skip-link">
        {t('app.skipToContent')}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {!minimal && (
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('nav.openMenu')}
              />
            )}
            <Text fw={700} size="lg">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {!minimal && me.permissions.includes('cases.read') && <HeaderSearch />}
            <Text size="sm" visibleFrom="md">
              {me.user.givenName} {me.user.familyName}
            </Text>
            <LanguageSwitch signedIn />
            <Button variant="subtle" size="xs" onClick={signOut}>
              {t('nav.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      {!minimal && (
        <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
          {items.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={t(item.label)}
              variant="filled"
              active={
                item.to === '/'
                  ? pathname === '/'
                  : pathname === item.to || pathname.startsWith(`${item.to}/`)
              }
              aria-current={pathname === item.to ? 'page' : undefined}
              onClick={close}
            />
          ))}
        </AppShell.Navbar>
      )}
      <AppShell.Main id="main" tabIndex={-1}>
        <EmergencyBanner me={me} />
        {children}
      </AppShell.Main>
    </AppShell>
  );
}

/** While the user holds emergency access to a case, every page says so (issue 16, break-glass). */
function EmergencyBanner({ me }: { me: MeResponse }) {
  const { t } = useI18n();
  const setMe = useSetMe();
  if (me.emergencyAccess.length === 0) return null;
  const end = async (caseId: string) => {
    await api('DELETE', `/api/cases/${caseId}/emergency-access`).catch(() => {});
    setMe(await api<MeResponse>('GET', '/api/auth/me'));
  };
  return (
    <Stack gap="xs" mb="md">
      {me.emergencyAccess.map((access) => (
        <Alert key={access.caseId} color="red.9" variant="filled" role="status">
          <Group justify="space-between" wrap="wrap">
            <Text size="sm" c="white">
              {t('emergency.banner', { time: formatDateTime(access.expiresAt) })}
            </Text>
            <Group gap="xs">
              <Link to="/cases/$caseId" params={{ caseId: access.caseId }} className="on-danger">
                {t('emergency.openCase')}
              </Link>
              <Button size="compact-sm" variant="white" color="red.9" onClick={() => end(access.caseId)}>
                {t('emergency.end')}
              </Button>
            </Group>
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}

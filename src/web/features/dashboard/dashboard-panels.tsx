import { BarChart } from '@mantine/charts';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { z } from 'zod';
import type { Role } from '../../../shared/access';
import type { Dashboard } from '../../../shared/contracts/dashboard';
import type { noticeList } from '../../../shared/contracts/notices';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../../shared/i18n';
import { api } from '../../api';
import { FormError } from '../../components/form-error';
import { useSave } from '../../data-entry/save';
import { type I18n, useI18n } from '../../i18n';

/** The notices waiting to be acknowledged (shared by the inbox and their list). */
const noticesQuery = {
  queryKey: ['notices'],
  queryFn: () => api<z.infer<typeof noticeList>>('GET', '/api/notices'),
};

function SpecialistPart({ part }: { part: NonNullable<Dashboard['specialist']> }) {
  const { t, language } = useI18n();
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }}>
      <Card withBorder id="follow-ups">
        <Title order={2} size="h4" mb="xs">
          {t('dashboard.followUps')}
        </Title>
        {part.followUps.length === 0 ? (
          <Text size="sm">{t('dashboard.noFollowUps')}</Text>
        ) : (
          <List listStyleType="none" spacing={4}>
            {part.followUps.map((f) => (
              <List.Item key={f.activityId}>
                <Group gap={6}>
                  <Text size="sm">{formatDate(f.followUpOn)}</Text>
                  {f.overdue && (
                    <Badge color="red.9" variant="filled" size="sm">
                      {t('dashboard.overdue')}
                    </Badge>
                  )}
                  <Link to="/cases/$caseId" params={{ caseId: f.caseId }}>
                    {f.familyName}
                  </Link>
                  <Text size="sm">({language === 'lv' ? f.typeNameLv : f.typeNameEn})</Text>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Card>
      <Card withBorder id="reviews">
        <Title order={2} size="h4" mb="xs">
          {t('dashboard.reviewsDue')}
        </Title>
        {part.reviewsDue.length === 0 ? (
          <Text size="sm">{t('dashboard.noReviews')}</Text>
        ) : (
          <List listStyleType="none" spacing={4}>
            {part.reviewsDue.map((r) => (
              <List.Item key={r.planId}>
                <Text size="sm" span>
                  {formatDate(r.nextReviewOn)}{' '}
                </Text>
                <Link to="/cases/$caseId" params={{ caseId: r.caseId }}>
                  {r.familyName}
                </Link>
                <Text size="sm" span>
                  {' '}
                  · {r.title}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('dashboard.recent')}
        </Title>
        {part.recent.length === 0 ? (
          <Text size="sm">{t('dashboard.noRecent')}</Text>
        ) : (
          <List listStyleType="none" spacing={4}>
            {part.recent.map((a) => (
              <List.Item key={a.activityId}>
                <Text size="sm" span>
                  {formatDate(a.occursOn)} {language === 'lv' ? a.typeNameLv : a.typeNameEn} ·{' '}
                </Text>
                <Link to="/cases/$caseId" params={{ caseId: a.caseId }}>
                  {a.familyName}
                </Link>
              </List.Item>
            ))}
          </List>
        )}
      </Card>
    </SimpleGrid>
  );
}

function ManagerPart({ part }: { part: NonNullable<Dashboard['manager']> }) {
  const { t, language } = useI18n();
  const riskLabel = (risk: string) =>
    risk === 'none' ? t('dashboard.riskNone') : t(`risk.${risk}` as never);
  return (
    <Card withBorder id="waiting-for-manager">
      <Title order={2} size="h4">
        {t('dashboard.week', { from: formatDate(part.weekFrom), to: formatDate(part.weekTo) })}
      </Title>
      <Text mb="sm">{t('dashboard.newReferrals', { count: part.newReferrals })}</Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} mb="sm">
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('dashboard.plansToApprove')}
          </Title>
          {part.plansToApprove.length === 0 ? (
            <Text size="sm">{t('dashboard.noPlansToApprove')}</Text>
          ) : (
            <List size="sm" listStyleType="none">
              {part.plansToApprove.map((p) => (
                <List.Item key={p.planId}>
                  <Link to="/cases/$caseId" params={{ caseId: p.caseId }}>
                    {p.familyName}
                  </Link>{' '}
                  — {p.title}
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('dashboard.transfersToDecide')}
          </Title>
          {part.transfersToDecide.length === 0 ? (
            <Text size="sm">{t('dashboard.noTransfers')}</Text>
          ) : (
            <List size="sm" listStyleType="none">
              {part.transfersToDecide.map((c) => (
                <List.Item key={c.caseId}>
                  <Link to="/cases/$caseId" params={{ caseId: c.caseId }}>
                    {c.familyName}
                  </Link>{' '}
                  — {t('dashboard.transferFrom', { centre: c.fromCentre })}
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('dashboard.activitiesByType')}
          </Title>
          <List size="sm">
            {part.activitiesByType.map((a) => (
              <List.Item key={a.nameLv}>
                {language === 'lv' ? a.nameLv : a.nameEn}: {a.count}
              </List.Item>
            ))}
          </List>
          {part.activitiesByType.length > 0 && (
            <BarChart
              h={200}
              data={part.activitiesByType.map((a) => ({
                type: language === 'lv' ? a.nameLv : a.nameEn,
                count: a.count,
              }))}
              dataKey="type"
              series={[{ name: 'count', label: t('dashboard.count'), color: 'teal.7' }]}
              yAxisProps={{ allowDecimals: false }}
            />
          )}
        </Stack>
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('dashboard.openByRisk')}
          </Title>
          <List size="sm">
            {part.openByRisk.map((r) => (
              <List.Item key={r.risk}>
                {riskLabel(r.risk)}: {r.count}
              </List.Item>
            ))}
          </List>
          <BarChart
            h={200}
            data={part.openByRisk.map((r) => ({ risk: riskLabel(r.risk), count: r.count }))}
            dataKey="risk"
            series={[{ name: 'count', label: t('dashboard.count'), color: 'orange.7' }]}
            yAxisProps={{ allowDecimals: false }}
          />
        </Stack>
      </SimpleGrid>
    </Card>
  );
}

type Notice = z.infer<typeof noticeList>['notices'][number];

/** What a notice says, in the user's language. */
function noticeText(t: I18n['t'], n: Notice): string {
  switch (n.kind) {
    case 'case_role_granted':
      return t('notices.caseRoleGranted', {
        by: n.byName,
        user: n.userName ?? '',
        role: n.role ? t(`role.${n.role as Role}`) : '',
        centre: n.centreName ?? t('users.wholeOrganisation'),
      });
    case 'emergency_access':
      return t('notices.emergencyAccess', {
        by: n.byName,
        centre: n.centreName ?? '',
        reason: n.reason ?? '',
      });
    case 'mentoring_started':
      return t('notices.mentoringStarted', { by: n.byName, mentor: n.userName ?? '' });
    default:
      return t('notices.restrictedPersonRegistered', { by: n.byName, centre: n.centreName ?? '' });
  }
}

/**
 * Notices the caller must acknowledge: roles that read case content granted, restricted persons registered
 * elsewhere, cases opened in an emergency, a mentor matched with a young person of the caller's case.
 */
function NoticesPart() {
  const { t } = useI18n();
  const notices = useQuery(noticesQuery).data?.notices;
  const acknowledge = useSave({
    send: (id: string) => api('POST', `/api/notices/${id}/acknowledge`),
    invalidates: () => [['notices']],
  });
  if (!notices || notices.length === 0) return null;
  return (
    <Card withBorder id="notices">
      <Title order={2} size="h4" mb="xs">
        {t('notices.title')}
      </Title>
      <FormError error={acknowledge.error} />
      <List listStyleType="none" spacing="xs">
        {notices.map((n) => (
          <List.Item key={n.id}>
            <Group gap="xs">
              <Text size="sm">
                {formatDateTime(n.createdAt)} · {noticeText(t, n)}
              </Text>
              {n.caseId && (
                <Link to="/cases/$caseId" params={{ caseId: n.caseId }}>
                  {t('notices.openCase')}
                </Link>
              )}
              <Button
                size="compact-sm"
                variant="light"
                loading={acknowledge.pending && acknowledge.variables === n.id}
                onClick={() => acknowledge.run(n.id)}
              >
                {t('notices.acknowledge')}
              </Button>
            </Group>
          </List.Item>
        ))}
      </List>
    </Card>
  );
}

/** Project managers' and finance officers' projects: families reached against target, money spent against budget. */
function ProjectsPart({ part }: { part: NonNullable<Dashboard['projects']> }) {
  const { t, language } = useI18n();
  const share = (done: number, planned: number | null) =>
    planned ? Math.min(100, Math.round((done / planned) * 100)) : 0;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('dashboard.projects')}
      </Title>
      {part.length === 0 ? (
        <Text size="sm">
          {t('dashboard.noProjects')} <Link to="/projects">{t('dashboard.allProjects')}</Link>
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {part.map((p) => {
            const families =
              p.familiesPlanned === null
                ? t('dashboard.familiesNoTarget', { count: p.familiesReached })
                : t('dashboard.familiesAgainst', {
                    count: p.familiesReached,
                    n: formatNumber(p.familiesReached, language),
                    planned: formatNumber(p.familiesPlanned, language),
                  });
            const money = t('dashboard.spentAgainst', {
              spent: formatMoney(p.spentCents, language),
              planned: formatMoney(p.plannedCents, language),
            });
            return (
              <Stack key={p.id} gap={4}>
                <Link to="/projects/$projectId/results" params={{ projectId: p.id }}>
                  {p.code}
                </Link>
                <Text size="sm">
                  {p.title} · {t('dashboard.endsOn', { date: formatDate(p.endsOn) })}
                </Text>
                <Text size="sm">{families}</Text>
                {p.familiesPlanned !== null && (
                  <Progress value={share(p.familiesReached, p.familiesPlanned)} aria-label={families} />
                )}
                <Text size="sm">{money}</Text>
                <Progress value={share(p.spentCents, p.plannedCents)} color="teal.8" aria-label={money} />
              </Stack>
            );
          })}
        </SimpleGrid>
      )}
    </Card>
  );
}

/** Where each set-up task is done. */
const taskPage = {
  createCentre: '/admin/centres',
  addStaff: '/admin/users',
  grantRoles: '/admin/users',
  requireMfa: '/admin/users',
} as const;

/** The administrator's organisation at a glance and what is left to set up. */
function AdminPart({ part }: { part: NonNullable<Dashboard['admin']> }) {
  const { t } = useI18n();
  return (
    <Card withBorder id="setup">
      <Title order={2} size="h4" mb="xs">
        {t('dashboard.organisation')}
      </Title>
      <Text size="sm">
        {t('dashboard.activeUsers', { count: part.activeUsers })} ·{' '}
        {t('dashboard.centres', { count: part.centres })}
      </Text>
      <Title order={3} size="h5" mt="sm" mb={4}>
        {t('dashboard.setupTasks')}
      </Title>
      {part.tasks.length === 0 ? (
        <Text size="sm">{t('dashboard.setupDone')}</Text>
      ) : (
        <List size="sm">
          {part.tasks.map((task) => (
            <List.Item key={task}>
              <Link to={taskPage[task]}>
                {t(`dashboard.task.${task}`, { count: part.usersWithoutRoles })}
              </Link>
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}

/** The mentoring coordinator's watch: quiet matches, planned ends near, checks expiring. */
function MentoringPart({ part }: { part: NonNullable<Dashboard['mentoring']> }) {
  const { t } = useI18n();
  const match = (m: { matchId: string; menteeName: string; volunteerName: string }) => (
    <Link to="/mentoring/$matchId" params={{ matchId: m.matchId }}>
      {m.menteeName} · {m.volunteerName}
    </Link>
  );
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} id="mentoring">
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('dashboard.quietMatches')}
        </Title>
        {part.quiet.length === 0 ? (
          <Text size="sm">{t('dashboard.noQuietMatches')}</Text>
        ) : (
          <List listStyleType="none" spacing={4}>
            {part.quiet.map((m) => (
              <List.Item key={m.matchId}>
                {match(m)}{' '}
                <Text span size="sm">
                  (
                  {m.lastMeetingOn
                    ? t('dashboard.lastMeeting', { date: formatDate(m.lastMeetingOn) })
                    : t('dashboard.noMeetingYet')}
                  )
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('dashboard.reviewsDueMatches')}
        </Title>
        {part.reviewsDue.length === 0 ? (
          <Text size="sm">{t('dashboard.noReviewsDueMatches')}</Text>
        ) : (
          <List listStyleType="none" spacing={4}>
            {part.reviewsDue.map((m) => (
              <List.Item key={m.matchId}>
                <Text span size="sm">
                  {formatDate(m.midpointOn)}
                </Text>{' '}
                {match(m)}
              </List.Item>
            ))}
          </List>
        )}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('dashboard.matchesEnding')}
        </Title>
        {part.endingSoon.length === 0 ? (
          <Text size="sm">{t('dashboard.noMatchesEnding')}</Text>
        ) : (
          <List listStyleType="none" spacing={4}>
            {part.endingSoon.map((m) => (
              <List.Item key={m.matchId}>
                <Text span size="sm">
                  {formatDate(m.plannedEndOn)}
                </Text>{' '}
                {match(m)}
              </List.Item>
            ))}
          </List>
        )}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('dashboard.checksExpiring')}
        </Title>
        {part.checksExpiring.length === 0 ? (
          <Text size="sm">{t('dashboard.noChecksExpiring')}</Text>
        ) : (
          <List listStyleType="none" spacing={4}>
            {part.checksExpiring.map((c) => (
              <List.Item key={`${c.volunteerId}-${c.kind}`}>
                <Text size="sm">
                  {formatDate(c.expiresOn)} · <Link to="/volunteers">{c.name}</Link> ·{' '}
                  {t(`volunteers.check.${c.kind}`)}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Card>
    </SimpleGrid>
  );
}

/** The home page's working view: what is due for a specialist, the week for a manager, projects for their managers. */
/**
 * What waits for the user, first on the home page (issue 17, item 8): one line per kind of task with its
 * count, each a link to the part of the page that lists them; or that nothing waits.
 */
function TaskInbox({ board, notices }: { board: Dashboard; notices: number }) {
  const { t } = useI18n();
  const followUps = board.specialist?.followUps ?? [];
  const overdue = followUps.filter((f) => f.overdue).length;
  const tasks = [
    {
      href: '#follow-ups',
      count: followUps.length,
      text: [
        t('inbox.followUps', { count: followUps.length }),
        ...(overdue ? [t('inbox.overdue', { count: overdue })] : []),
      ].join(', '),
    },
    {
      href: '#reviews',
      count: board.specialist?.reviewsDue.length ?? 0,
      text: t('inbox.reviews', { count: board.specialist?.reviewsDue.length ?? 0 }),
    },
    {
      href: '#waiting-for-manager',
      count: board.manager?.plansToApprove.length ?? 0,
      text: t('inbox.plans', { count: board.manager?.plansToApprove.length ?? 0 }),
    },
    {
      href: '#waiting-for-manager',
      count: board.manager?.transfersToDecide.length ?? 0,
      text: t('inbox.transfers', { count: board.manager?.transfersToDecide.length ?? 0 }),
    },
    {
      href: '#mentoring',
      count: board.mentoring?.quiet.length ?? 0,
      text: t('inbox.quietMatches', { count: board.mentoring?.quiet.length ?? 0 }),
    },
    {
      href: '#mentoring',
      count: board.mentoring?.reviewsDue.length ?? 0,
      text: t('inbox.matchReviews', { count: board.mentoring?.reviewsDue.length ?? 0 }),
    },
    {
      href: '#mentoring',
      count: board.mentoring?.endingSoon.length ?? 0,
      text: t('inbox.matchesEnding', { count: board.mentoring?.endingSoon.length ?? 0 }),
    },
    {
      href: '#mentoring',
      count: board.mentoring?.checksExpiring.length ?? 0,
      text: t('inbox.checksExpiring', { count: board.mentoring?.checksExpiring.length ?? 0 }),
    },
    { href: '#notices', count: notices, text: t('inbox.notices', { count: notices }) },
    {
      href: '#setup',
      count: board.admin?.tasks.length ?? 0,
      text: t('inbox.setup', { count: board.admin?.tasks.length ?? 0 }),
    },
  ].filter((task) => task.count > 0);
  return (
    <Card withBorder component="section" aria-labelledby="inbox-title">
      <Title order={2} size="h4" mb="xs" id="inbox-title">
        {t('inbox.title')}
      </Title>
      {tasks.length === 0 ? (
        <Text size="sm">{t('inbox.nothing')}</Text>
      ) : (
        <List size="sm" spacing={4}>
          {tasks.map((task) => (
            <List.Item key={task.text}>
              <Anchor href={task.href} size="sm">
                {task.text}
              </Anchor>
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}

export function DashboardPanels() {
  const board = useQuery({
    queryKey: ['dashboard'],
    queryFn: () => api<Dashboard>('GET', '/api/dashboard'),
  }).data;
  const notices = useQuery(noticesQuery).data?.notices.length ?? 0;
  if (!board) return null;
  return (
    <Stack>
      <TaskInbox board={board} notices={notices} />
      <NoticesPart />
      {board.manager && <ManagerPart part={board.manager} />}
      {board.specialist && <SpecialistPart part={board.specialist} />}
      {board.mentoring && <MentoringPart part={board.mentoring} />}
      {board.projects && <ProjectsPart part={board.projects} />}
      {board.admin && <AdminPart part={board.admin} />}
    </Stack>
  );
}

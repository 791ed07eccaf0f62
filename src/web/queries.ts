import { useQuery } from '@tanstack/react-query';
import { can, type Permission } from '../shared/access';
import type { ActivityType, InstitutionView } from '../shared/contracts/activities';
import type { Centre } from '../shared/contracts/centres';
import type { Programme, VolunteerView } from '../shared/contracts/projects';
import type { WorkerList } from '../shared/contracts/registry';
import { api } from './api';
import { useMe } from './session';

/** The activity catalogue (built-in types and the organisation's own), shared by every form that logs activities. */
export const activityTypesQuery = {
  queryKey: ['activity-types'],
  queryFn: () => api<{ types: ActivityType[] }>('GET', '/api/activity-types'),
};

/** The organisation's centres, for every picker of a centre. */
export const centresQuery = {
  queryKey: ['centres'],
  queryFn: () => api<{ centres: Centre[] }>('GET', '/api/centres'),
};

/** The organisation's programmes, for every picker of a programme. */
export const programmesQuery = {
  queryKey: ['programmes'],
  queryFn: () => api<{ programmes: Programme[] }>('GET', '/api/programmes'),
};

/** The projects an activity can be attributed to. */
export const projectOptionsQuery = {
  queryKey: ['project-options'],
  queryFn: () => api<{ projects: { id: string; code: string }[] }>('GET', '/api/projects/options'),
};

/** The active workers of a centre, for choosing a key worker, a team member or a group leader. */
export const workersQuery = (centreId: string | null | undefined) => ({
  queryKey: ['workers', centreId],
  queryFn: () => api<WorkerList>('GET', `/api/centres/${centreId}/workers`),
});

/** The organisation's institutions (kindergartens, schools), for the activities that reach them. */
export const institutionsQuery = {
  queryKey: ['institutions'],
  queryFn: () =>
    api<{ institutions: InstitutionView[]; abilities: { edit: boolean } }>('GET', '/api/institutions'),
};

/** The organisation's volunteers, for logging their hours. */
export const volunteersQuery = {
  queryKey: ['volunteers'],
  queryFn: () => api<{ volunteers: VolunteerView[] }>('GET', '/api/volunteers'),
};

/** Active centres where the signed-in user holds a permission (where they may register, log or run groups). */
export function useActiveCentresWith(permission: Permission) {
  const me = useMe().data;
  return (useQuery(centresQuery).data?.centres ?? []).filter(
    (c) => c.active && !!me && can(me, permission, c.id),
  );
}

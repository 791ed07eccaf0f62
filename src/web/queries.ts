import type { ActivityType, InstitutionView } from '../shared/contracts/activities';
import type { Centre } from '../shared/contracts/centres';
import type { Programme } from '../shared/contracts/projects';
import type { WorkerList } from '../shared/contracts/registry';
import { api } from './api';

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
  queryFn: () => api<{ institutions: InstitutionView[] }>('GET', '/api/institutions'),
};

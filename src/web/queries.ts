import { useQuery } from '@tanstack/react-query';
import type { ActivityType } from '../shared/contracts/activities';
import { api } from './api';

/** The activity catalogue (built-in types and the organisation's own), shared by every form that logs activities. */
export const activityTypesQuery = {
  queryKey: ['activity-types'],
  queryFn: () => api<{ types: ActivityType[] }>('GET', '/api/activity-types'),
};

/**
 * A list read from a case (`/api/cases/:id/<resource>`), cached under `[resource, caseId]`
 * so that the panel showing it and the timeline share one request.
 */
export function useCaseResource<T>(caseId: string, resource: string) {
  return useQuery({
    queryKey: [resource, caseId],
    queryFn: () => api<T>('GET', `/api/cases/${caseId}/${resource}`),
  });
}

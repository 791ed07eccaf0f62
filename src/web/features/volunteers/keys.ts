import type { VolunteerStatus, VolunteerView } from '../../../shared/contracts/projects';
import { api } from '../../api';

/**
 * The query keys of volunteers. A write to a volunteer reads every list and their screening again:
 * `volunteerKeys.all` is the prefix of all of them (and of the hours form's list in `web/queries.ts`).
 */
export const volunteerKeys = {
  all: ['volunteers'] as const,
  list: (status: VolunteerStatus | null) => [...volunteerKeys.all, 'list', status] as const,
  one: (volunteerId: string) => [...volunteerKeys.all, volunteerId] as const,
};

/** The register, of one status or all. */
export const volunteersOf = (status: VolunteerStatus | null) => ({
  queryKey: volunteerKeys.list(status),
  queryFn: () =>
    api<{ volunteers: VolunteerView[]; abilities: { screen: boolean } }>(
      'GET',
      status ? `/api/volunteers?status=${status}` : '/api/volunteers',
    ),
});

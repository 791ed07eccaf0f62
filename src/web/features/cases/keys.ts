import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

/** What is read from a case: its page, and the lists its panels show. */
export type CaseList =
  | 'activities'
  | 'plans'
  | 'assessments'
  | 'documents'
  | 'history'
  | 'enrolments'
  | 'workers';

/**
 * The query keys of a case (issue 17: one factory per feature instead of keys typed by hand). Everything
 * read from a case sits under `caseKeys.all(id)`, so a write to the case reads all of it again: the page,
 * every panel, the timeline and the change history.
 */
export const caseKeys = {
  all: (caseId: string) => ['cases', caseId] as const,
  page: (caseId: string) => [...caseKeys.all(caseId), 'page'] as const,
  list: (caseId: string, list: CaseList) => [...caseKeys.all(caseId), list] as const,
};

/**
 * A list read from a case (`/api/cases/:id/<resource>`), cached under the case's keys, so that the panel
 * showing it and the timeline share one request.
 */
export function useCaseList<T>(caseId: string, list: 'activities' | 'plans' | 'assessments' | 'documents') {
  return useQuery({
    queryKey: caseKeys.list(caseId, list),
    queryFn: () => api<T>('GET', `/api/cases/${caseId}/${list}`),
  });
}

/**
 * The caseload's search parameters, apart from its page so that the router can check them without
 * loading the page's code.
 */
export type Sort = 'referralDate' | 'family' | 'status' | 'risk' | 'keyWorker';

/** The caseload's filters, sort and page as the URL keeps them: Back from a family returns to the same list. */
export interface CaseloadSearch {
  scope?: 'mine' | 'centre';
  status?: string;
  riskLevel?: string;
  reason?: string;
  keyWorkerId?: string;
  referredFrom?: string;
  referredTo?: string;
  name?: string;
  sort?: Sort;
  page?: number;
}

const sorts: Sort[] = ['referralDate', 'family', 'status', 'risk', 'keyWorker'];
export const filterKeys = [
  'status',
  'riskLevel',
  'reason',
  'keyWorkerId',
  'referredFrom',
  'referredTo',
  'name',
] as const;

/** Reads the caseload's search parameters, dropping anything that is not one of them. */
export function validateCaseloadSearch(search: Record<string, unknown>): CaseloadSearch {
  const out: CaseloadSearch = {};
  if (search.scope === 'mine' || search.scope === 'centre') out.scope = search.scope;
  for (const key of filterKeys) {
    const value = search[key];
    if (typeof value === 'string' && value.length > 0 && value.length <= 100) out[key] = value;
  }
  if (sorts.includes(search.sort as Sort)) out.sort = search.sort as Sort;
  const page = Number(search.page);
  if (Number.isInteger(page) && page > 1) out.page = page;
  return out;
}

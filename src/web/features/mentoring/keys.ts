import type { MatchDetail, MatchStatus, MatchView } from '../../../shared/contracts/mentoring';
import { api } from '../../api';

/** The query keys of mentoring: a write to a match reads its lists and its page again (`all` is their prefix). */
export const mentoringKeys = {
  all: ['mentoring'] as const,
  list: (status: MatchStatus | null, centreId: string | null) =>
    [...mentoringKeys.all, 'list', status, centreId] as const,
  one: (matchId: string) => [...mentoringKeys.all, matchId] as const,
  mentees: (q: string) => [...mentoringKeys.all, 'mentees', q] as const,
};

export const matchesOf = (status: MatchStatus | null, centreId: string | null) => ({
  queryKey: mentoringKeys.list(status, centreId),
  queryFn: () => {
    const query = new URLSearchParams();
    if (status) query.set('status', status);
    if (centreId) query.set('centreId', centreId);
    return api<{ matches: MatchView[]; centres: { id: string; name: string }[] }>(
      'GET',
      `/api/mentoring/matches${query.size ? `?${query}` : ''}`,
    );
  },
});

export const matchOf = (matchId: string) => ({
  queryKey: mentoringKeys.one(matchId),
  queryFn: () => api<MatchDetail>('GET', `/api/mentoring/matches/${matchId}`),
});

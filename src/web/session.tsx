import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeResponse } from '../shared/contracts/auth';
import { ApiError, api } from './api';

export const meQueryKey = ['me'] as const;

/** Who is signed in: `null` when nobody is. */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async () => {
      try {
        return await api<MeResponse>('GET', '/api/auth/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** Whether the user signed out herself (not a session that ran out while she worked). */
export const signOut = { byUser: false };

export function useSetMe() {
  const queryClient = useQueryClient();
  return (me: MeResponse | null) => {
    signOut.byUser = me === null;
    queryClient.setQueryData(meQueryKey, me);
    // Signing out forgets everything the previous user loaded.
    if (me === null) queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
  };
}

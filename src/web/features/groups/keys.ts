/** The query keys of support groups: a write to a group reads it and the list again. */
export const groupKeys = {
  all: ['groups'] as const,
  list: () => [...groupKeys.all, 'list'] as const,
  one: (groupId: string) => [...groupKeys.all, groupId] as const,
};

/**
 * The query keys of projects. Everything read about one project (its page, money records, results,
 * snapshots) sits under `projectKeys.one(id)`, so a write to the project reads all of it again.
 */
export const projectKeys = {
  all: ['projects'] as const,
  list: () => [...projectKeys.all, 'list'] as const,
  one: (projectId: string) => [...projectKeys.all, projectId] as const,
  page: (projectId: string) => [...projectKeys.one(projectId), 'page'] as const,
  part: (projectId: string, part: string, ...rest: unknown[]) =>
    [...projectKeys.one(projectId), part, ...rest] as const,
};

/** The query keys of centre activities (trainings, information events): a write reads the list again. */
export const centreActivityKeys = {
  all: ['centre-activities'] as const,
  list: () => [...centreActivityKeys.all, 'list'] as const,
};

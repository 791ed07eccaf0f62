/**
 * The query keys of events (camps, closing and information events). A write to an event reads it and the
 * list again: `eventKeys.all` is the prefix of both.
 */
export const eventKeys = {
  all: ['events'] as const,
  list: () => [...eventKeys.all, 'list'] as const,
  one: (eventId: string) => [...eventKeys.all, eventId] as const,
  /** A family's members on the event's first day, to tick who came. */
  roster: (familyId: string | null, on: string) => [...eventKeys.all, 'roster', familyId, on] as const,
};

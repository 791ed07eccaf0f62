import { z } from 'zod';

export const noticeKinds = [
  'case_role_granted',
  'restricted_person_registered',
  'emergency_access',
  'mentoring_started',
] as const;
export type NoticeKind = (typeof noticeKinds)[number];

export const noticeView = z.object({
  id: z.uuid(),
  kind: z.enum(noticeKinds),
  createdAt: z.string(),
  /** Who caused it, by name. */
  byName: z.string(),
  /** case_role_granted: the user who got the role, the role, the centre's name; mentoring_started: the mentor. */
  userName: z.string().nullable(),
  role: z.string().nullable(),
  centreName: z.string().nullable(),
  /** restricted_person_registered, emergency_access, mentoring_started: the case. */
  caseId: z.uuid().nullable(),
  /** emergency_access: the reason given for opening the case. */
  reason: z.string().nullable(),
});
export type NoticeView = z.infer<typeof noticeView>;

export const noticeList = z.object({ notices: z.array(noticeView) });

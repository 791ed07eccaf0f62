import { z } from 'zod';

export const noticeKinds = ['case_role_granted', 'restricted_person_registered'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

export const noticeView = z.object({
  id: z.uuid(),
  kind: z.enum(noticeKinds),
  createdAt: z.string(),
  /** Who caused it, by name. */
  byName: z.string(),
  /** case_role_granted: the user who got the role, the role, the centre's name. */
  userName: z.string().nullable(),
  role: z.string().nullable(),
  centreName: z.string().nullable(),
  /** restricted_person_registered: the restricted case (its manager may open it). */
  caseId: z.uuid().nullable(),
});
export type NoticeView = z.infer<typeof noticeView>;

export const noticeList = z.object({ notices: z.array(noticeView) });

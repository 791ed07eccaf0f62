import { z } from 'zod';
import { volunteerCheckKinds } from './projects';

const caseItem = z.object({ caseId: z.uuid(), familyName: z.string() });

export const dashboard = z.object({
  today: z.string(),
  /** For people who work on cases: their own cases (key worker or team). */
  specialist: z
    .object({
      followUps: z.array(
        caseItem.extend({
          activityId: z.uuid(),
          followUpOn: z.string(),
          typeNameLv: z.string(),
          typeNameEn: z.string(),
          overdue: z.boolean(),
        }),
      ),
      reviewsDue: z.array(caseItem.extend({ planId: z.uuid(), title: z.string(), nextReviewOn: z.string() })),
      recent: z.array(
        caseItem.extend({
          activityId: z.uuid(),
          occursOn: z.string(),
          typeNameLv: z.string(),
          typeNameEn: z.string(),
        }),
      ),
    })
    .nullable(),
  /** For centre managers: the week (Monday to Sunday) of the centres they manage. */
  manager: z
    .object({
      weekFrom: z.string(),
      weekTo: z.string(),
      activitiesByType: z.array(
        z.object({ code: z.string().nullable(), nameLv: z.string(), nameEn: z.string(), count: z.number() }),
      ),
      newReferrals: z.number(),
      openByRisk: z.array(z.object({ risk: z.enum(['high', 'medium', 'low', 'none']), count: z.number() })),
      /** What waits for the manager: plans submitted for approval, cases being transferred to her centres. */
      plansToApprove: z.array(caseItem.extend({ planId: z.uuid(), title: z.string() })),
      transfersToDecide: z.array(caseItem.extend({ fromCentre: z.string() })),
    })
    .nullable(),
  /** For mentoring coordinators: matches without a recent meeting, planned ends near, checks expiring. */
  mentoring: z
    .object({
      quiet: z.array(
        z.object({
          matchId: z.uuid(),
          menteeName: z.string(),
          volunteerName: z.string(),
          lastMeetingOn: z.string().nullable(),
        }),
      ),
      reviewsDue: z.array(
        z.object({
          matchId: z.uuid(),
          menteeName: z.string(),
          volunteerName: z.string(),
          midpointOn: z.string(),
        }),
      ),
      endingSoon: z.array(
        z.object({
          matchId: z.uuid(),
          menteeName: z.string(),
          volunteerName: z.string(),
          plannedEndOn: z.string(),
        }),
      ),
      checksExpiring: z.array(
        z.object({
          volunteerId: z.uuid(),
          name: z.string(),
          kind: z.enum(volunteerCheckKinds),
          expiresOn: z.string(),
        }),
      ),
    })
    .nullable(),
  /** For administrators: the organisation's people and centres, and what is left to set up. */
  admin: z
    .object({
      activeUsers: z.number(),
      usersWithoutRoles: z.number(),
      centres: z.number(),
      mfaRequired: z.boolean(),
      /** Set-up left to do, each with the page where it is done. */
      tasks: z.array(z.enum(['createCentre', 'addStaff', 'grantRoles', 'requireMfa'])),
    })
    .nullable(),
  /**
   * For project managers and finance officers: the active projects (those ending first first), families
   * reached so far against the project's target and money spent against the budget.
   */
  projects: z
    .array(
      z.object({
        id: z.uuid(),
        code: z.string(),
        title: z.string(),
        endsOn: z.string(),
        familiesPlanned: z.number().nullable(),
        familiesReached: z.number(),
        plannedCents: z.number(),
        spentCents: z.number(),
      }),
    )
    .nullable(),
});
export type Dashboard = z.infer<typeof dashboard>;

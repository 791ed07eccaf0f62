import { z } from 'zod';
import { isoDate, pageQuery } from './common';

export const auditOutcomes = ['success', 'failure', 'denied', 'throttled'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/**
 * Every action the audit log records (`recordAudit` takes only these); each has its `action.*` name in
 * both languages, so the audit page never shows a code.
 */
export const auditActions = [
  'auth.sign_in',
  'audit.verify',
  'subject_access.search',
  'subject_access.export',
  'subject_access.erase',
  'retention.anonymise',
  'retention.delete_document',
  'auth.sign_out',
  'auth.change_password',
  'auth.mfa_enable',
  'auth.mfa_recovery_code',
  'user.reset_mfa',
  'organisation.mfa_required',
  'organisation.retention_rules',
  'import.run',
  'import.undo',
  'setup.first_administrator',
  'user.create',
  'user.update',
  'user.disable',
  'user.enable',
  'user.reset_password',
  'user.grant_role',
  'user.revoke_role',
  'centre.create',
  'centre.update',
  'access.denied',
  'person.create',
  'person.update',
  'person.duplicate_elsewhere',
  'family.register',
  'case.open',
  'case.read',
  'case.emergency_access',
  'case.emergency_access_end',
  'case.read_history',
  'case.update',
  'case.change_status',
  'case.close',
  'case.reopen',
  'case.add_team_member',
  'case.remove_team_member',
  'case.record_consent',
  'case.withdraw_consent',
  'case.transfer_request',
  'case.transfer_accept',
  'case.transfer_decline',
  'family.add_member',
  'family.member_left',
  'person.merge',
  'programme.create',
  'programme.update',
  'project.create',
  'project.update',
  'project.save_budget',
  'project.record_expenditure',
  'contract.create',
  'contract.update',
  'contract.link_case',
  'enrolment.create',
  'enrolment.end',
  'volunteer.create',
  'volunteer.update',
  'volunteer.log_hours',
  'activity.create',
  'activity_type.create',
  'case.read_activities',
  'institution.create',
  'institution.update',
  'group.create',
  'group.add_member',
  'group.session',
  'activity.correct',
  'activity.void',
  'event.create',
  'event.read',
  'event.add_family',
  'event.attendance',
  'family.read_roster',
  'group.read',
  'group.end_membership',
  'instrument.create',
  'assessment.create',
  'assessment.correct',
  'assessment.void',
  'case.read_assessments',
  'case.read_documents',
  'case.read_plans',
  'case.list',
  'dashboard.read',
  'document.upload',
  'document.download',
  'family.read_enrolments',
  'family.correct_member',
  'family.quick_search',
  'person.search',
  'person.protected_duplicate',
  'notice.acknowledge',
  'plan.create',
  'plan.update',
  'plan.submit',
  'plan.approve',
  'plan.return',
  'plan.action_status',
  'plan.review',
  'plan.correct_review',
  'plan.void_review',
  'expenditure.correct',
  'expenditure.void',
  'report.generate',
  'report.records',
  'report.publish',
  'volunteer.correct_hours',
  'volunteer.void_hours',
  'volunteer.end',
  'volunteer.read_checks',
  'volunteer.add_check',
  'volunteer.void_check',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditQuery = z.object({
  action: z.string().max(80).optional(),
  actorId: z.uuid().optional(),
  entityType: z.string().max(40).optional(),
  entityId: z.uuid().optional(),
  outcome: z.enum(auditOutcomes).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...pageQuery,
});
export type AuditQuery = z.input<typeof auditQuery>;

export const auditEntry = z.object({
  id: z.uuid(),
  occurredAt: z.string(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  outcome: z.enum(auditOutcomes),
  ip: z.string().nullable(),
  reason: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntry>;

export const auditPage = z.object({
  entries: z.array(auditEntry),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AuditPage = z.infer<typeof auditPage>;

export const chainProblems = ['altered', 'gap', 'unchained', 'truncated', 'differs_from_record'] as const;

/** The organisation's audit chain checked end to end (`atbalsts audit verify` checks every chain). */
export const auditVerification = z.object({
  entries: z.number().int(),
  /** The chain's last entry: its number and hash, to note down and compare later. */
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  broken: z
    .object({
      seq: z.number().int().nullable(),
      entryId: z.string().nullable(),
      occurredAt: z.string().nullable(),
      action: z.string().nullable(),
      problem: z.enum(chainProblems),
    })
    .nullable(),
});
export type AuditVerification = z.infer<typeof auditVerification>;
